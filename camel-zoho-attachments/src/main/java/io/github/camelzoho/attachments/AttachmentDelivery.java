package io.github.camelzoho.attachments;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelzoho.attachments.client.ZohoAttachment;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery half of the consumer, whatever found the attachments: decides which candidates are new, emits each as an
 * exchange with the batch properties and the headers, and records the outcome. An attachment is new when neither the idempotent
 * repository (delivered) nor the in-progress repository (in flight) holds its key. It goes into in-progress when emitted and
 * into the idempotent repository only when its exchange completes; a failed exchange only leaves in-progress, so the attachment
 * comes again at a later poll. A crash mid-exchange therefore re-emits (at least once) and never loses; a success is never
 * emitted again.
 * <p>
 * The discovery (which records, which pages) is elsewhere: {@link RecordIdDiscovery} for watched record ids.
 */
final class AttachmentDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentDelivery.class);

    /** An attachment a discovery found, with the record it belongs to. */
    record Candidate(String recordId, ZohoAttachment attachment) {
    }

    /** What the delivery needs from the polling consumer that runs it. */
    interface Host {

        Exchange createExchange();

        /** False once the consumer is stopping: the rest of the batch is not emitted. */
        boolean isBatchAllowed();

        void setPendingExchanges(int pending);

        void process(Exchange exchange) throws Exception;

        ExceptionHandler getExceptionHandler();
    }

    private final ZohoAttachmentsConfiguration config;
    private final String module;
    private IdempotentRepository delivered;
    private IdempotentRepository inProgress;
    /**
     * Delivered attachments the idempotent repository failed to record (a database outage): they stay in progress, so they are
     * not emitted again, and are recorded before the next poll, so a successor does not emit them again either.
     */
    private final Set<String> unrecorded = ConcurrentHashMap.newKeySet();

    AttachmentDelivery(ZohoAttachmentsConfiguration config) {
        this.config = config;
        this.module = config.getModule();
    }

    void start() {
        delivered = config.getIdempotentRepository();
        if (delivered == null) {
            delivered = unboundedMemoryRepository();
            LOG.info("zoho-attachments consumer of {} keeps delivered attachments in memory: a restart emits every existing"
                    + " attachment again. Configure a persistent idempotentRepository (file, JDBC, Infinispan, Redis...)"
                    + " to deliver each attachment once across restarts.",
                    module);
        }
        inProgress = config.getInProgressRepository() != null ? config.getInProgressRepository() : unboundedMemoryRepository();
        ServiceHelper.startService(delivered, inProgress);
        unrecorded.forEach(inProgress::add);
    }

    /** Camel's default memory repository is an LRU of 1,000 keys: forgetting a key would emit that attachment again. */
    private static IdempotentRepository unboundedMemoryRepository() {
        return MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>());
    }

    void stop() {
        try {
            recordUnrecorded();
        } catch (RuntimeException e) {
            LOG.warn("{} delivered attachment(s) could not be recorded in the idempotent repository ({}): they will be emitted"
                    + " again after a restart",
                    unrecorded.size(), e.getMessage());
        }
        // Only the repositories this delivery created: a user's bean outlives a route restart (Camel's memory
        // repository clears itself on stop, which would re-emit everything).
        ServiceHelper.stopService(delivered == config.getIdempotentRepository() ? null : delivered,
                inProgress == config.getInProgressRepository() ? null : inProgress);
    }

    /** Records what was delivered while the idempotent repository was failing; throws while it still fails. */
    void recordUnrecorded() {
        for (String key : unrecorded) {
            delivered.add(key);
            unrecorded.remove(key);
            inProgress.remove(key);
        }
    }

    /** The key of an attachment in both repositories. */
    String key(String recordId, ZohoAttachment attachment) {
        String key = module + "/" + recordId + "/" + attachment.getId();
        if (config.isEmitModified() && attachment.getModifiedTime() != null) {
            key += "@" + attachment.getModifiedTime().toInstant();
        }
        return key;
    }

    /** True when the attachment is neither delivered nor in flight: a discovery passes it on. */
    boolean isNew(String key) {
        return !delivered.contains(key) && !inProgress.contains(key);
    }

    /** True when the idempotent repository holds this key (an attachment, or a discovery's marker). */
    boolean isRecorded(String key) {
        return delivered.contains(key);
    }

    /** Records a key as delivered without emitting anything (startFrom=now, a discovery's marker). */
    void record(String key) {
        delivered.add(key);
    }

    /**
     * Emits the candidates in order, one exchange at a time, each once: a candidate already in flight is skipped. Returns the
     * number of exchanges emitted.
     */
    int deliver(List<Candidate> candidates, Host host) {
        int total = candidates.size();
        int processed = 0;
        for (int index = 0; index < total && host.isBatchAllowed(); index++) {
            Candidate candidate = candidates.get(index);
            String key = key(candidate.recordId(), candidate.attachment());
            if (!inProgress.add(key)) {
                continue; // already in flight from an earlier poll whose exchange has not completed
            }
            Exchange exchange = createExchange(host, candidate);
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            host.setPendingExchanges(total - index - 1);
            exchange.getExchangeExtension().addOnCompletion(new Outcome(key));
            try {
                host.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                host.getExceptionHandler().handleException("Error processing attachment " + key, exchange,
                        exchange.getException());
            }
            processed++;
        }
        host.setPendingExchanges(0);
        return processed;
    }

    private Exchange createExchange(Host host, Candidate candidate) {
        Exchange exchange = host.createExchange();
        exchange.getMessage().setBody(candidate.attachment());
        exchange.getMessage().setHeader(ZohoAttachmentsConstants.MODULE, module);
        exchange.getMessage().setHeader(ZohoAttachmentsConstants.RECORD_ID, candidate.recordId());
        exchange.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, candidate.attachment().getId());
        return exchange;
    }

    /** Records how one emitted attachment's exchange ended, whichever thread completes it. */
    private final class Outcome implements Synchronization {

        private final String key;

        Outcome(String key) {
            this.key = key;
        }

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
    }
}
