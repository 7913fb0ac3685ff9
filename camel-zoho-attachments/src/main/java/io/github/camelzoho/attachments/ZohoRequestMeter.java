package io.github.camelzoho.attachments;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the API requests (each one a Zoho API credit) an endpoint or a credential set spends: in all, and over the last 24
 * hours, the window of Zoho's daily credit allowance, in one-minute buckets. Thread-safe.
 */
final class ZohoRequestMeter {

    private static final int MINUTES_PER_DAY = 24 * 60;

    private final Clock clock;
    private final LongAdder total = new LongAdder();
    /** The minute (since the epoch) each bucket counts, and its count. */
    private final long[] bucketMinute = new long[MINUTES_PER_DAY];
    private final long[] bucketCount = new long[MINUTES_PER_DAY];

    ZohoRequestMeter() {
        this(Clock.systemUTC());
    }

    ZohoRequestMeter(Clock clock) {
        this.clock = clock;
    }

    void record() {
        total.increment();
        long minute = clock.millis() / 60_000;
        int bucket = (int) (minute % MINUTES_PER_DAY);
        synchronized (this) {
            if (bucketMinute[bucket] != minute) {
                bucketMinute[bucket] = minute;
                bucketCount[bucket] = 0;
            }
            bucketCount[bucket]++;
        }
    }

    /** Requests since this meter was created. */
    long total() {
        return total.sum();
    }

    /** Requests in the last 24 hours (to the minute). */
    synchronized long lastDay() {
        long now = clock.millis() / 60_000;
        long sum = 0;
        for (int i = 0; i < MINUTES_PER_DAY; i++) {
            if (now - bucketMinute[i] < MINUTES_PER_DAY) {
                sum += bucketCount[i];
            }
        }
        return sum;
    }
}
