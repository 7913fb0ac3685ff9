package io.github.camelzoho.attachments;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

/** Camel's default poll strategy (a WARN per failed poll) that also keeps what it saw, for tests to assert on. */
final class RecordingPollStrategy extends DefaultPollingConsumerPollStrategy {

    final List<Exception> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger begun = new AtomicInteger();
    volatile int successes;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        begun.incrementAndGet();
        return super.begin(consumer, endpoint);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        successes++;
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) throws Exception {
        failures.add(e);
        return super.rollback(consumer, endpoint, retryCounter, e);
    }
}
