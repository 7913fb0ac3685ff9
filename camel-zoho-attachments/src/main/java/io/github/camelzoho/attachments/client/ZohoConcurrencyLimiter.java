package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.camelzoho.attachments.client.internal.InputValidator;

/**
 * Caps the requests in flight to Zoho. Zoho limits concurrency per organisation (Standard 10 ... Ultimate 25) and answers
 * TOO_MANY_REQUESTS beyond it, so one limiter is shared by everything that uses the same credentials. Fair, so no caller
 * starves under load.
 */
public final class ZohoConcurrencyLimiter {

    private final int permits;
    private final Semaphore semaphore;

    public ZohoConcurrencyLimiter(int permits) {
        this.permits = (int) InputValidator.atLeast("maxConcurrentRequests", permits, 1);
        this.semaphore = new Semaphore(permits, true);
    }

    /**
     * Waits up to {@code timeout} for a free slot (zero or negative: forever). A bounded wait turns a would-be deadlock (every
     * slot held by the same route, e.g. a download stream still open while it uploads) into an error that says what to change.
     */
    public void acquire(Duration timeout) throws IOException {
        try {
            if (timeout.isZero() || timeout.isNegative()) {
                semaphore.acquire();
            } else if (!semaphore.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SlotTimeoutException("No free Zoho request slot within " + timeout.toMillis() + " ms: all "
                        + permits + " (maxConcurrentRequests) are in use. A route that keeps a"
                        + " download stream open while it makes another Zoho request holds two"
                        + " slots; raise maxConcurrentRequests or requestSlotTimeout, or read the"
                        + " download first.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a free Zoho request slot");
        }
    }

    /** No slot became free in time; nothing was sent. */
    public static final class SlotTimeoutException extends IOException {

        SlotTimeoutException(String message) {
            super(message);
        }
    }

    /** Gives the slot back. */
    public void release() {
        semaphore.release();
    }

    /** The configured limit. */
    public int getPermits() {
        return permits;
    }
}
