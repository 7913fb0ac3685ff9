package io.github.camelzoho.attachments;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoInput;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits every new attachment of the watched records as its own exchange.
 * <p>
 * Zoho has no "changed since" filter and no sort for attachments, so each poll lists the records' pages and decides itself what
 * is new: an attachment is new when neither the idempotent repository (delivered) nor the in-progress repository (in flight)
 * holds its key. It goes into in-progress when emitted and into the idempotent repository only when its exchange completes; a
 * failed exchange only leaves in-progress, so the attachment comes again at a later poll. A crash mid-exchange therefore
 * re-emits (at least once) and never loses; a success is never emitted again.
 * <p>
 * Records are listed concurrently, up to the shared maxConcurrentRequests. A poll emits at most maxMessagesPerPoll attachments;
 * it stops listing once it has found that many, and the next poll resumes at the record where it stopped, so a round over many
 * records costs about one request per page, and memory stays bounded.
 */
public class ZohoAttachmentsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoAttachmentsConsumer.class);
    private static final Comparator<ZohoAttachment> OLDEST_FIRST = Comparator
            .comparing(ZohoAttachment::getCreatedTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ZohoAttachment::getId, Comparator.nullsLast(Comparator.naturalOrder()));

    private static final long STOP_WAIT_SECONDS = 30;

    private final ZohoAttachmentsConfiguration config;
    /** Held while a poll lists and emits, so that a stop can wait for the exchange in flight. */
    private final ReentrantLock polling = new ReentrantLock();
    private IdempotentRepository delivered;
    private IdempotentRepository inProgress;
    private ExecutorService listers;
    private int listerThreads;
    /** The records of the current round, and where the next poll resumes in it (0: a new round). */
    private List<String> roundRecords;
    private int cursor;
    /**
     * Delivered attachments the idempotent repository failed to record (a database outage): they stay in progress, so they are
     * not emitted again, and are recorded before the next poll, so a successor does not emit them again either.
     */
    private final Set<String> unrecorded = ConcurrentHashMap.newKeySet();

    /** What listing one record found. */
    private record RecordScan(String recordId, List<ZohoAttachment> fresh, boolean complete, Exception failure) {
    }

    public ZohoAttachmentsConsumer(ZohoAttachmentsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration();
    }

    @Override
    public ZohoAttachmentsEndpoint getEndpoint() {
        return (ZohoAttachmentsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        delivered = config.getIdempotentRepository();
        if (delivered == null) {
            delivered = unboundedMemoryRepository();
            LOG.info("zoho-attachments consumer of {} keeps delivered attachments in memory: a restart emits every existing"
                    + " attachment again. Configure a persistent idempotentRepository (file, JDBC, Infinispan, Redis...)"
                    + " to deliver each attachment once across restarts.",
                    config.getModule());
        }
        inProgress = config.getInProgressRepository() != null ? config.getInProgressRepository() : unboundedMemoryRepository();
        ServiceHelper.startService(delivered, inProgress);
        unrecorded.forEach(inProgress::add);
        listerThreads = config.getMaxConcurrentRequests();
        listers = getEndpoint().getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                "ZohoAttachmentsLister", listerThreads);
        super.doStart();
    }

    /** Camel's default memory repository is an LRU of 1,000 keys: forgetting a key would emit that attachment again. */
    private static IdempotentRepository unboundedMemoryRepository() {
        return MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>());
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        awaitPollInProgress();
        if (listers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(listers);
            listers = null;
        }
        try {
            recordUnrecorded();
        } catch (RuntimeException e) {
            LOG.warn("{} delivered attachment(s) could not be recorded in the idempotent repository ({}): they will be emitted"
                    + " again after a restart",
                    unrecorded.size(), e.getMessage());
        }
        // Only the repositories this consumer created: a user's bean outlives a route restart (Camel's memory
        // repository clears itself on stop, which would re-emit everything).
        ServiceHelper.stopService(delivered == config.getIdempotentRepository() ? null : delivered,
                inProgress == config.getInProgressRepository() ? null : inProgress);
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
        if (!getEndpoint().pollWithinBudget()) {
            return 0;
        }
        polling.lock();
        try {
            return pollOnce();
        } finally {
            polling.unlock();
        }
    }

    private int pollOnce() throws Exception {
        recordUnrecorded(); // fails the poll, which reports it, while the repository is still failing
        if (cursor == 0 || roundRecords == null) {
            roundRecords = currentRecordIds();
        }
        int limit = maxMessagesPerPoll > 0 ? maxMessagesPerPoll : Integer.MAX_VALUE;
        AtomicInteger found = new AtomicInteger();
        List<Future<RecordScan>> scans = new ArrayList<>();
        Semaphore slots = new Semaphore(listerThreads);
        for (int i = cursor; i < roundRecords.size() && found.get() < limit; i++) {
            slots.acquire();
            if (found.get() >= limit) {
                slots.release();
                break;
            }
            String recordId = roundRecords.get(i);
            scans.add(listers.submit(() -> {
                try {
                    return scan(recordId, found, limit);
                } finally {
                    slots.release();
                }
            }));
        }

        Queue<Object> exchanges = new ArrayDeque<>();
        Map<String, Exception> failures = new LinkedHashMap<>();
        int nextCursor = 0;
        for (int i = 0; i < scans.size(); i++) {
            RecordScan scan = result(scans.get(i), roundRecords.get(cursor + i));
            if (scan.failure() != null) {
                failures.put(scan.recordId(), scan.failure());
                continue;
            }
            int room = limit - exchanges.size();
            List<ZohoAttachment> fits = scan.fresh().size() > room ? scan.fresh().subList(0, room) : scan.fresh();
            for (ZohoAttachment attachment : fits) {
                exchanges.add(createExchange(scan.recordId(), attachment));
            }
            if ((fits.size() < scan.fresh().size() || !scan.complete()) && nextCursor == 0) {
                nextCursor = cursor + i; // this record was cut: the next poll starts here
            }
        }
        if (nextCursor == 0 && cursor + scans.size() < roundRecords.size()) {
            nextCursor = cursor + scans.size(); // the limit stopped the listing before these records
        }
        cursor = nextCursor;

        int emitted = processBatch(exchanges);
        if (!failures.isEmpty()) {
            throw new ZohoAttachmentsPollException(config.getModule(), scans.size(), failures);
        }
        forceConsumerAsReady();
        return emitted;
    }

    private List<String> currentRecordIds() throws Exception {
        if (config.getRecordIdSource() != null) {
            List<String> ids = new ArrayList<>();
            for (String id : config.getRecordIdSource().recordIds()) {
                ids.add(ZohoInput.recordId("recordIdSource", id));
            }
            return ids;
        }
        return ZohoInput.recordIds("recordId", config.getRecordId());
    }

    private static RecordScan result(Future<RecordScan> future, String recordId) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Exception cause = e.getCause() instanceof Exception ex ? ex : e;
            return new RecordScan(recordId, List.of(), false, cause);
        }
    }

    /**
     * Lists one record page by page, keeping only attachments not delivered and not in flight. Stops early once the poll has
     * found {@code limit} in all. Failures are returned, not thrown, so the other records carry on.
     */
    private RecordScan scan(String recordId, AtomicInteger found, int limit) {
        String module = config.getModule();
        boolean firstSight = config.getStartFrom() == ZohoStartFrom.now && !delivered.contains(startedMarker(module, recordId));
        List<ZohoAttachment> fresh = new ArrayList<>();
        Set<String> seenThisScan = new HashSet<>();
        boolean[] cut = {false};
        try {
            getEndpoint().getClient().forEachPage(module, recordId, config.getFields(), config.getPerPage(), (page, info) -> {
                for (ZohoAttachment attachment : page) {
                    String key = key(module, recordId, attachment);
                    // A page may repeat items of an earlier one while the record changes: one emission per key.
                    if (!seenThisScan.add(key) || delivered.contains(key) || inProgress.contains(key)) {
                        continue;
                    }
                    if (firstSight) {
                        delivered.add(key); // startFrom=now: existing attachments are recorded, not emitted
                    } else {
                        fresh.add(attachment);
                        found.incrementAndGet();
                    }
                }
                if (!firstSight && found.get() >= limit && info.moreRecords()) {
                    cut[0] = true;
                    return false;
                }
                return true;
            });
        } catch (Exception e) {
            return new RecordScan(recordId, List.of(), false, e);
        }
        if (firstSight) {
            delivered.add(startedMarker(module, recordId));
            LOG.debug("startFrom=now: recorded the existing attachments of {}/{} without emitting them", module, recordId);
        }
        fresh.sort(OLDEST_FIRST);
        return new RecordScan(recordId, fresh, !cut[0], null);
    }

    private void recordUnrecorded() {
        for (String key : unrecorded) {
            delivered.add(key);
            unrecorded.remove(key);
            inProgress.remove(key);
        }
    }

    /** The key of an attachment in both repositories. */
    String key(String module, String recordId, ZohoAttachment attachment) {
        String key = module + "/" + recordId + "/" + attachment.getId();
        if (config.isEmitModified() && attachment.getModifiedTime() != null) {
            key += "@" + attachment.getModifiedTime().toInstant();
        }
        return key;
    }

    private static String startedMarker(String module, String recordId) {
        return module + "/" + recordId + "/*startFrom=now";
    }

    private Exchange createExchange(String recordId, ZohoAttachment attachment) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(attachment);
        exchange.getMessage().setHeader(ZohoAttachmentsConstants.MODULE, config.getModule());
        exchange.getMessage().setHeader(ZohoAttachmentsConstants.RECORD_ID, recordId);
        exchange.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, attachment.getId());
        return exchange;
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        int processed = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            ZohoAttachment attachment = exchange.getMessage().getBody(ZohoAttachment.class);
            String key = key(config.getModule(),
                    exchange.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID, String.class),
                    attachment);
            if (!inProgress.add(key)) {
                continue; // already in flight from an earlier poll whose exchange has not completed
            }
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            exchange.getExchangeExtension().addOnCompletion(new Synchronization() {

                @Override
                public void onComplete(Exchange done) {
                    try {
                        delivered.add(key);
                    } catch (RuntimeException e) {
                        // Delivered but not recorded (e.g. the repository's database is down): it stays in
                        // progress, so it is not emitted again, and is recorded before the next poll.
                        unrecorded.add(key);
                        LOG.warn("Attachment {} was delivered but the idempotent repository failed to record it ({}); it is"
                                + " recorded at the next poll",
                                key, e.getMessage());
                        return;
                    }
                    inProgress.remove(key);
                }

                @Override
                public void onFailure(Exchange failed) {
                    inProgress.remove(key); // not delivered: it comes again at a later poll
                    LOG.debug("Attachment {} was not delivered; it will be emitted again", key);
                }
            });
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing attachment " + key, exchange, exchange.getException());
            }
            processed++;
        }
        pendingExchanges = 0;
        return processed;
    }
}
