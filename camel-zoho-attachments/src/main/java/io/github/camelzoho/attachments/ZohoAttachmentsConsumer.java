package io.github.camelzoho.attachments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.StatefulService;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits every new attachment of the watched records as its own exchange.
 * <p>
 * Two parts do that: an {@link AttachmentDiscovery} decides which listings a poll sends and finds candidates (per watched
 * record, or one listing of the whole module), and the {@link AttachmentDelivery} (the repositories and the on-completion)
 * emits the new ones and records how their exchanges ended. This class runs them on Camel's scheduler and reports failed polls.
 */
public class ZohoAttachmentsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoAttachmentsConsumer.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final ZohoAttachmentsConfiguration config;
    /** Held while a poll lists and emits, so that a stop can wait for the exchange in flight. */
    private final ReentrantLock polling = new ReentrantLock();
    private final AttachmentDelivery delivery;
    private final AttachmentDelivery.Host host = new AttachmentDelivery.Host() {

        @Override
        public Exchange createExchange() {
            return ZohoAttachmentsConsumer.this.createExchange(true);
        }

        @Override
        public boolean isBatchAllowed() {
            // A route that is stopping rejects an exchange when it completes, after its first steps ran: emit no more.
            // Under master: camel-master stops the route's processor before it stops this consumer, and a CamelContext
            // that is stopping stops its routes soon. The rest of the batch comes at the next start, unless the user asked
            // to complete all tasks on shutdown.
            if (getProcessor() instanceof StatefulService route && (route.isStopping() || route.isStopped())) {
                return false;
            }
            if (getEndpoint().getCamelContext().isStopping() && shutdownRunningTask != ShutdownRunningTask.CompleteAllTasks) {
                return false;
            }
            return ZohoAttachmentsConsumer.this.isBatchAllowed();
        }

        @Override
        public void setPendingExchanges(int pending) {
            pendingExchanges = pending;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            getProcessor().process(exchange);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return ZohoAttachmentsConsumer.this.getExceptionHandler();
        }
    };
    /**
     * When this consumer first started: startFrom=now skips what existed then, however long the first listing of a record takes
     * to succeed, and across route restarts.
     */
    private Instant firstStarted;
    private ExecutorService listers;
    private AttachmentDiscovery discovery;

    public ZohoAttachmentsConsumer(ZohoAttachmentsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration();
        this.delivery = new AttachmentDelivery(config);
    }

    @Override
    public ZohoAttachmentsEndpoint getEndpoint() {
        return (ZohoAttachmentsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        boolean wholeModule = config.getRecordId() == null && config.getRecordIdSource() == null;
        if (wholeModule && config.isValidateModule() && !getEndpoint().moduleChecked && getEndpoint().withinBudget()) {
            // At start, before anything else starts, not at the first poll: a module the CRM does not know fails the route's
            // start, where a poll could only fail itself. Once per endpoint: a route restart costs nothing more.
            ModuleCheck.verify(getEndpoint().getClient(), config.getModule());
            getEndpoint().moduleChecked = true;
        }
        if (firstStarted == null) {
            firstStarted = getEndpoint().clock().instant();
        }
        delivery.start();
        delivery.setRetryPause(Duration.ofMillis(getTimeUnit().toMillis(getDelay())));
        int listerThreads = config.getMaxConcurrentRequests();
        listers = getEndpoint().getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                "ZohoAttachmentsLister", listerThreads);
        if (wholeModule) {
            StateRepository<String, String> state = config.getStateRepository() != null
                    ? config.getStateRepository()
                    : getEndpoint().positionInMemory();
            ServiceHelper.startService(state);
            // a walk stops at its next page once a stop begins, as a batch does
            discovery = new ModuleDiscovery(getEndpoint(), delivery, listers, firstStarted, state, host::isBatchAllowed);
        } else {
            discovery = new RecordIdDiscovery(getEndpoint(), delivery, listers, listerThreads, firstStarted);
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        // First the exchange in flight, then the scheduler: stopping the scheduler cancels its running poll with an
        // interrupt, which would fail an exchange that was about to complete (and another replica would emit it again).
        // This consumer is already STOPPING, so the batch stops after that exchange and no new poll starts.
        awaitPollInProgress();
        super.doStop();
        if (listers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(listers);
            listers = null;
        }
        if (discovery != null) {
            discovery.stop();
        }
        delivery.stop();
    }

    /**
     * A stop that does not come through Camel's graceful shutdown (master: handing leadership over, a route stopped from JMX)
     * can arrive mid-batch. The batch stops at the next exchange; the one in flight must complete and be recorded before the
     * repositories stop, or another replica would emit it again.
     */
    private void awaitPollInProgress() throws InterruptedException {
        if (polling.tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            polling.unlock();
        } else {
            LOG.warn("The poll in progress did not finish within {} s of the stop; an exchange still in flight may be emitted"
                    + " again later",
                    STOP_WAIT_SECONDS);
        }
    }

    @Override
    protected int poll() throws Exception {
        polling.lock();
        try {
            if (!isRunAllowed()) {
                return 0; // a poll that started just as the consumer began to stop
            }
            return pollOnce();
        } finally {
            polling.unlock();
        }
    }

    private int pollOnce() throws Exception {
        delivery.recordUnrecorded(); // fails the poll, which reports it, while the repository is still failing
        int limit = maxMessagesPerPoll > 0 ? maxMessagesPerPoll : Integer.MAX_VALUE;
        long requestsBefore = getEndpoint().getApiRequests();
        AttachmentDiscovery.Found found = discovery.next(limit);
        int emitted = processBatch(new ArrayDeque<>(found.candidates()));
        LOG.debug("Poll of {}: {} API request(s), {} new attachment(s)", found.listed(),
                getEndpoint().getApiRequests() - requestsBefore, emitted);
        if (found.failure() != null) {
            throw found.failure();
        }
        forceConsumerAsReady();
        return emitted;
    }

    /** Emits a batch of {@link AttachmentDelivery.Candidate}s through the delivery. */
    @Override
    public int processBatch(Queue<Object> candidates) throws Exception {
        List<AttachmentDelivery.Candidate> batch = new ArrayList<>(candidates.size());
        for (Object candidate : candidates) {
            batch.add((AttachmentDelivery.Candidate) candidate);
        }
        return delivery.deliver(batch, host);
    }
}
