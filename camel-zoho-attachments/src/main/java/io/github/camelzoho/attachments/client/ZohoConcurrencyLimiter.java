package io.github.camelzoho.attachments.client;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the requests in flight to Zoho. Zoho limits concurrency per organisation (Standard 10 ... Ultimate 25) and answers
 * TOO_MANY_REQUESTS beyond it, so one limiter is shared by everything that uses the same credentials. Fair, so no caller
 * starves under load.
 */
public final class ZohoConcurrencyLimiter {

    private final int permits;
    private final Semaphore semaphore;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public ZohoConcurrencyLimiter(int permits) {
        this.permits = (int) ZohoInput.atLeast("maxConcurrentRequests", permits, 1);
        this.semaphore = new Semaphore(permits, true);
    }

    /** Waits for a free slot. */
    public void acquire() throws InterruptedIOException {
        try {
            semaphore.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a free Zoho request slot");
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** Gives the slot back. */
    public void release() {
        inFlight.decrementAndGet();
        semaphore.release();
    }

    /** The configured limit. */
    public int getPermits() {
        return permits;
    }

    /** Requests in flight now. */
    public int getInFlight() {
        return inFlight.get();
    }

    /** The most requests that were in flight at once. */
    public int getMaxInFlight() {
        return maxInFlight.get();
    }
}
