package io.github.camelzoho.attachments;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * exchange with the headers and batch properties, and records how it ended. Any discovery can use it: it hands over
 * {@link Candidate}s and calls {@link #newRound()} when it starts over.
 * <p>
 * An attachment is delivered when the idempotent repository holds its key, which happens only once its exchange completed; a
 * failed exchange leaves nothing there, so the attachment comes again. A crash mid-exchange therefore re-emits (at least once)
 * and never loses; a success is never emitted again.
 * <p>
 * What keeps an attachment from being emitted twice while its exchange is in flight (which may complete on another thread,
 * after the poll moved on: seda, threads) is a claim taken before emitting: this consumer's own in-flight set, then, when an
 * inProgressRepository is shared with other consumers, a lease in it; and only then a look at the idempotent repository. The
 * completion records the key as delivered before it lets the claim go. So whatever the order in which a poll's checks and a
 * completion's updates interleave, a poll that wins the claim after the completion released it sees the key delivered.
 * <p>
 * Failed attachments are retried once per round (a round: the discovery went over everything it watches), after the ones that
 * have not failed, so a few that always fail cannot starve the others; and not before the consumer's poll delay has passed
 * since the failure, so that greedy polls do not spin on an attachment that always fails.
 */
final class AttachmentDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentDelivery.class);
    private static final String LEASE = "@lease=";

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
    /** The user's inProgressRepository, shared with other consumers, or null. */
    private IdempotentRepository sharedInProgress;
    /** This consumer's own exchanges in flight, by key: the lease held in the shared repository (or "" without one). */
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();
    /**
     * Delivered attachments the idempotent repository failed to record (a database outage): they stay in flight, so they are
     * not emitted again, and are recorded before the next poll, so a successor does not emit them again either.
     */
    private final Set<String> unrecorded = ConcurrentHashMap.newKeySet();
    /** Candidates another consumer held a lease on when this one tried to claim them: not emitted, to be offered again. */
    private final Set<String> heldElsewhere = ConcurrentHashMap.newKeySet();
    /** When an attachment's exchange failed. */
    private record Failure(long round, long atNanos) {
    }

    /** Attachments whose exchange failed: retried in a later round, once retryPause has passed, after the rest. */
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private volatile long round;
    private volatile long retryPauseNanos;

    AttachmentDelivery(ZohoAttachmentsConfiguration config) {
        this.config = config;
        this.module = config.getModule();
    }

    void start() {
        delivered = config.getIdempotentRepository();
        if (delivered == null) {
            delivered = MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>());
            LOG.info("zoho-attachments consumer of {} keeps delivered attachments in memory: a restart emits every existing"
                    + " attachment again. Configure a persistent idempotentRepository (file, JDBC, Infinispan, Redis...)"
                    + " to deliver each attachment once across restarts.",
                    module);
        }
        sharedInProgress = config.getInProgressRepository();
        ServiceHelper.startService(delivered, sharedInProgress);
    }

    void stop() {
        try {
            recordUnrecorded();
        } catch (RuntimeException e) {
            LOG.warn("{} delivered attachment(s) could not be recorded in the idempotent repository ({}): they will be emitted"
                    + " again after a restart",
                    unrecorded.size(), e.getMessage());
        }
        // Only the repository this delivery created: a user's bean outlives a route restart (Camel's memory
        // repository clears itself on stop, which would re-emit everything).
        ServiceHelper.stopService(delivered == config.getIdempotentRepository() ? null : delivered);
    }

    /** Records what was delivered while the idempotent repository was failing; throws while it still fails. */
    void recordUnrecorded() {
        for (String key : unrecorded) {
            delivered.add(key);
            unrecorded.remove(key);
            release(key);
        }
    }

    /** The least time between a failure of an attachment's exchange and its next emission. */
    void setRetryPause(Duration pause) {
        retryPauseNanos = pause.toNanos();
    }

    /** A discovery starts over: attachments that failed in an earlier round may be emitted again. */
    void newRound() {
        round++;
        heldElsewhere.clear(); // a discovery asks before it starts a round; a watch of records never asks
    }

    /** The key of an attachment in both repositories. */
    String key(String recordId, ZohoAttachment attachment) {
        String key = module + "/" + recordId + "/" + attachment.getId();
        if (config.isEmitModified() && attachment.getModifiedTime() != null) {
            key += "@" + attachment.getModifiedTime().toInstant();
        }
        return key;
    }

    /**
     * True when a discovery should pass this attachment on: not delivered, not in flight here, not failed in this round or just
     * now. Only a first sieve: {@link #deliver} decides, with a claim.
     */
    boolean isNew(String key) {
        Failure failure = failures.get(key);
        boolean mayRetry = failure == null
                || failure.round() < round && System.nanoTime() - failure.atNanos() >= retryPauseNanos;
        return mayRetry && !delivered.contains(key) && !inFlight.containsKey(key);
    }

    /** True while this consumer's exchange for the attachment has not completed. */
    boolean isInFlightHere(String key) {
        return inFlight.containsKey(key);
    }

    /**
     * True (once) when the last try to emit the attachment found another consumer's lease on it: it was not emitted, and comes
     * again once that consumer recorded it or its lease expired.
     */
    boolean wasHeldElsewhere(String key) {
        return heldElsewhere.remove(key);
    }

    /** True when the attachment's exchange failed before: a discovery offers it after the others. */
    boolean failedBefore(String key) {
        return failures.containsKey(key);
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
     * Emits the candidates in order, one exchange at a time; a candidate that cannot be claimed (in flight here or in another
     * consumer, or delivered meanwhile) is skipped. Returns the number of exchanges emitted.
     */
    int deliver(List<Candidate> candidates, Host host) {
        int total = candidates.size();
        int processed = 0;
        for (int index = 0; index < total && host.isBatchAllowed(); index++) {
            Candidate candidate = candidates.get(index);
            String key = key(candidate.recordId(), candidate.attachment());
            boolean claimed;
            try {
                claimed = claim(key);
            } catch (RuntimeException e) {
                // A repository that cannot answer (a database outage): emitting unchecked could deliver twice, so the
                // batch stops here and the poll fails with the cause; the rest comes once the repository answers.
                host.setPendingExchanges(0);
                throw e;
            }
            if (!claimed) {
                continue;
            }
            Exchange exchange = createExchange(host, candidate);
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            host.setPendingExchanges(total - index - 1);
            exchange.getExchangeExtension().addOnCompletion(new Outcome(key, round));
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

    /**
     * Takes the attachment for this consumer, or returns false. The delivered check comes after the claim: a completion records
     * before it releases, so a claim won after a release always sees the record.
     */
    private boolean claim(String key) {
        if (inFlight.putIfAbsent(key, "") != null) {
            return false; // this consumer's exchange for it is still in flight
        }
        boolean claimed = false;
        try {
            if (sharedInProgress != null) {
                String lease = takeLease(key);
                if (lease == null) {
                    heldElsewhere.add(key);
                    return false;
                }
                inFlight.put(key, lease);
            }
            claimed = !delivered.contains(key);
            return claimed;
        } finally {
            if (!claimed) {
                release(key);
            }
        }
    }

    /**
     * A lease is the key with the lease period it was taken in. Another consumer's lease blocks while it is in the current, the
     * previous or the next period (the next: clocks differ a little), so from one to two lease lengths; a crashed consumer's
     * lease then expires by itself. Each consumer adds its own before it looks at the others', so of two racing for a key at
     * least one sees the other.
     */
    private String takeLease(String key) {
        long period = System.currentTimeMillis() / config.getInProgressLease();
        String lease = key + LEASE + period;
        if (!sharedInProgress.add(lease)) {
            return null;
        }
        if (sharedInProgress.contains(key + LEASE + (period - 1)) || sharedInProgress.contains(key + LEASE + (period + 1))) {
            sharedInProgress.remove(lease);
            return null;
        }
        return lease;
    }

    /** Lets the claim go: the lease first, then this consumer's own entry. */
    private void release(String key) {
        String lease = inFlight.get(key);
        try {
            if (lease != null && !lease.isEmpty()) {
                sharedInProgress.remove(lease);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the lease of attachment {} from the inProgressRepository ({}); it expires by itself",
                    key, e.getMessage());
        } finally {
            inFlight.remove(key);
        }
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
        private final long emittedInRound;

        Outcome(String key, long emittedInRound) {
            this.key = key;
            this.emittedInRound = emittedInRound;
        }

        @Override
        public void onComplete(Exchange done) {
            try {
                delivered.add(key);
            } catch (RuntimeException e) {
                // Delivered but not recorded (e.g. the repository's database is down): it stays in
                // flight, so it is not emitted again, and is recorded before the next poll.
                unrecorded.add(key);
                LOG.warn("Attachment {} was delivered but the idempotent repository failed to record it ({}); it is"
                        + " recorded at the next poll",
                        key, e.getMessage());
                return;
            }
            failures.remove(key);
            release(key);
        }

        @Override
        public void onFailure(Exchange failed) {
            failures.put(key, new Failure(emittedInRound, System.nanoTime()));
            release(key); // not delivered: it comes again in a later round
            LOG.debug("Attachment {} was not delivered; it will be emitted again", key);
        }
    }
}
