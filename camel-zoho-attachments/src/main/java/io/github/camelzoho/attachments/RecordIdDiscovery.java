package io.github.camelzoho.attachments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelzoho.attachments.AttachmentDelivery.Candidate;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.client.ZohoInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery half of the consumer for watched record ids (recordId or recordIdSource): which records a poll lists, where the
 * next poll resumes, and which listed attachments are candidates for the {@link AttachmentDelivery}.
 * <p>
 * Records are listed concurrently, up to the shared maxConcurrentRequests. A poll finds at most its budget (maxMessagesPerPoll)
 * of candidates; it stops listing once it has found that many, and the next poll resumes at the record where it stopped.
 */
final class RecordIdDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(RecordIdDiscovery.class);
    private static final Comparator<ZohoAttachment> OLDEST_FIRST = Comparator
            .comparing(ZohoAttachment::getCreatedTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ZohoAttachment::getId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** What one poll found: the candidates in emission order, and the records whose listing failed. */
    record Found(List<Candidate> candidates, Map<String, Exception> failures, int recordsPolled) {
    }

    /** What listing one record found. */
    private record RecordScan(String recordId, List<ZohoAttachment> fresh, boolean complete, Exception failure) {
    }

    private final ZohoAttachmentsConfiguration config;
    private final ZohoAttachmentsClient client;
    private final AttachmentDelivery delivery;
    private final ExecutorService listers;
    private final int listerThreads;
    /** The records of the current round, and where the next poll resumes in it (0: a new round). */
    private List<String> roundRecords;
    private int cursor;

    RecordIdDiscovery(ZohoAttachmentsConfiguration config, ZohoAttachmentsClient client, AttachmentDelivery delivery,
            ExecutorService listers, int listerThreads) {
        this.config = config;
        this.client = client;
        this.delivery = delivery;
        this.listers = listers;
        this.listerThreads = listerThreads;
    }

    /** Lists records from where the last poll stopped until {@code limit} candidates are found or the round ends. */
    Found next(int limit) throws Exception {
        if (cursor == 0 || roundRecords == null) {
            roundRecords = currentRecordIds();
        }
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

        List<Candidate> candidates = new ArrayList<>();
        Map<String, Exception> failures = new LinkedHashMap<>();
        int nextCursor = 0;
        for (int i = 0; i < scans.size(); i++) {
            RecordScan scan = result(scans.get(i), roundRecords.get(cursor + i));
            if (scan.failure() != null) {
                failures.put(scan.recordId(), scan.failure());
                continue;
            }
            int room = limit - candidates.size();
            List<ZohoAttachment> fits = scan.fresh().size() > room ? scan.fresh().subList(0, room) : scan.fresh();
            for (ZohoAttachment attachment : fits) {
                candidates.add(new Candidate(scan.recordId(), attachment));
            }
            if ((fits.size() < scan.fresh().size() || !scan.complete()) && nextCursor == 0) {
                nextCursor = cursor + i; // this record was cut: the next poll starts here
            }
        }
        if (nextCursor == 0 && cursor + scans.size() < roundRecords.size()) {
            nextCursor = cursor + scans.size(); // the limit stopped the listing before these records
        }
        cursor = nextCursor;
        return new Found(candidates, failures, scans.size());
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
        boolean firstSight = config.getStartFrom() == ZohoStartFrom.now && !delivery.isRecorded(startedMarker(recordId));
        List<ZohoAttachment> fresh = new ArrayList<>();
        Set<String> seenThisScan = new HashSet<>();
        boolean[] cut = {false};
        try {
            client.forEachPage(module, recordId, config.getFields(), config.getPerPage(), (page, info) -> {
                for (ZohoAttachment attachment : page) {
                    String key = delivery.key(recordId, attachment);
                    // A page may repeat items of an earlier one while the record changes: one emission per key.
                    if (!seenThisScan.add(key) || !delivery.isNew(key)) {
                        continue;
                    }
                    if (firstSight) {
                        delivery.record(key); // startFrom=now: existing attachments are recorded, not emitted
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
            delivery.record(startedMarker(recordId));
            LOG.debug("startFrom=now: recorded the existing attachments of {}/{} without emitting them", module, recordId);
        }
        fresh.sort(OLDEST_FIRST);
        return new RecordScan(recordId, fresh, !cut[0], null);
    }

    private String startedMarker(String recordId) {
        return config.getModule() + "/" + recordId + "/*startFrom=now";
    }
}
