package io.github.camelzoho.attachments.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.camelzoho.attachments.client.internal.InputValidator;

/**
 * How often and how patiently a failed request is tried again: exponential backoff from {@code initialDelay}, doubling each
 * time up to {@code maxDelay}, each wait drawn at random from its upper half (jitter) so that many clients that failed together
 * do not retry together.
 */
public record ZohoRetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {

    /** Three retries, from 1 s up to 30 s. */
    public static final ZohoRetryPolicy DEFAULT = new ZohoRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public ZohoRetryPolicy {
        InputValidator.atLeast("maxRetries", maxRetries, 0);
        InputValidator.atLeast("retryInitialDelay", initialDelay.toMillis(), 0);
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw InputValidator.invalid("retryMaxDelay", String.valueOf(maxDelay.toMillis()),
                    "must not be below retryInitialDelay (" + initialDelay.toMillis() + ")");
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBeforeRetry(int retry) {
        long ceiling = initialDelay.toMillis();
        for (int i = 1; i < retry && ceiling < maxDelay.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxDelay.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling - half + 1)));
    }
}
