package io.github.camelzoho.attachments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import io.github.camelzoho.attachments.client.ZohoRecordPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery half of the consumer for watched record ids (recordId or recordIdSource): which records a poll lists, where the
 * next poll resumes, and which listed attachments go to the {@link AttachmentDelivery}.
 * <p>
 * A round lists every watched record once (each id once, however often the source names it). A poll finds at most its budget
 * (maxMessagesPerPoll): records are listed concurrently, up to the shared maxConcurrentRequests, until that many new
 * attachments are found. What was listed beyond the budget is kept for the next poll instead of being listed again (at most the
 * budget plus a page per concurrent listing), and a listing the budget cut short goes on first, at the page after the last one
 * read. So each page is listed once per round, and a new round starts once everything was listed and emitted.
 */
final class RecordIdDiscovery implements AttachmentDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(RecordIdDiscovery.class);
    /**
     * startFrom=now emits what was created after the start less this margin: Zoho's Created_Time has whole seconds and comes
     * from Zoho's clock, not ours. Erring this way emits an attachment made just before the start rather than losing one.
     */
    static final Duration START_CLOCK_MARGIN = Duration.ofMinutes(1);

    /** What listing one record found, new attachments in emission order; where it goes on when the budget cut it short. */
    private record RecordScan(String recordId, List<ZohoAttachment> fresh, ResumePoint cutAt, Exception failure) {
    }

    /** Where a listing goes on: a page number, or Zoho's next_page_token when it gave one. */
    private record ResumePoint(int page, String pageToken) {

        static final ResumePoint FIRST_PAGE = new ResumePoint(1, null);
    }

    private final ZohoAttachmentsConfiguration config;
    private final ZohoAttachmentsClient client;
    private final ZohoAttachmentsEndpoint endpoint;
    /** The records of the current round by id, checked once when the round starts: the listings hand them on as they are. */
    private final Map<String, ZohoRecordPath> roundRecords = new LinkedHashMap<>();
    private final AttachmentDelivery delivery;
    private final ExecutorService listers;
    private final int listerThreads;
    /** startFrom=now: attachments created before this instant existed when the consumer started and are skipped. */
    private Instant existingBefore;
    /** When this consumer first started in this process; the watch's first start may be earlier (a marker says so). */
    private final Instant startedNow;
    private boolean firstStartKnown;
    /** The records of the current round still to list, in order; null when a new round starts. */
    private Deque<String> toList;
    /** New attachments listed beyond a poll's budget: the next poll emits them first. */
    private final Deque<Candidate> surplus = new ArrayDeque<>();
    /** Where the listings the budget cut short go on, by record id. */
    private final Map<String, ResumePoint> resumeAt = new HashMap<>();

    RecordIdDiscovery(ZohoAttachmentsEndpoint endpoint, AttachmentDelivery delivery, ExecutorService listers,
            int listerThreads, Instant consumerStarted) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.client = endpoint.getClient();
        this.delivery = delivery;
        this.listers = listers;
        this.listerThreads = listerThreads;
        this.startedNow = consumerStarted;
    }

    /** Attachments that failed before come after the others; within each, the oldest first. */
    private Comparator<ZohoAttachment> emissionOrder(String recordId) {
        return Comparator.comparing((ZohoAttachment a) -> delivery.failedBefore(delivery.key(recordId, a)))
                .thenComparing(ZohoAttachment::getCreatedTime, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ZohoAttachment::getId, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    @Override
    public Found next(int limit) throws Exception {
        if (!firstStartKnown) {
            firstStartKnown = true;
            // what startFrom=now skips is what existed at the FIRST start, whatever restarts came since; with a persistent
            // idempotent repository a marker there says when that was
            Instant firstStart = config.getStartFrom() == ZohoStartFrom.now
                    ? new FirstStartMarker(config.getIdempotentRepository(), config.getModule(), endpoint.clock())
                            .firstStart(startedNow)
                    : startedNow;
            existingBefore = firstStart.minus(START_CLOCK_MARGIN);
        }
        if (toList == null) {
            toList = new ArrayDeque<>(currentRecordIds());
            surplus.clear();
            resumeAt.clear();
            delivery.newRound();
        }
        List<Candidate> candidates = new ArrayList<>();
        while (candidates.size() < limit && !surplus.isEmpty()) {
            candidates.add(surplus.poll());
        }

        AtomicInteger found = new AtomicInteger(candidates.size());
        List<String> listed = new ArrayList<>();
        List<Future<RecordScan>> scans = new ArrayList<>();
        Semaphore slots = new Semaphore(listerThreads);
        // the budget is asked before each record's listing: what was listed is handed out whatever it says
        while (found.get() < limit && !toList.isEmpty() && endpoint.withinBudget()) {
            slots.acquire();
            if (found.get() >= limit) {
                slots.release();
                break;
            }
            String recordId = toList.poll();
            listed.add(recordId);
            ResumePoint from = resumeAt.getOrDefault(recordId, ResumePoint.FIRST_PAGE);
            scans.add(listers.submit(() -> {
                try {
                    return scan(recordId, from, found, limit);
                } finally {
                    slots.release();
                }
            }));
        }

        Map<String, Exception> failures = new LinkedHashMap<>();
        List<String> cut = new ArrayList<>();
        List<Candidate> neverFailed = new ArrayList<>();
        List<Candidate> retries = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            RecordScan scan = result(scans.get(i), listed.get(i));
            resumeAt.remove(scan.recordId());
            if (scan.failure() != null) {
                failures.put(scan.recordId(), scan.failure()); // listed again, from the start, in the next round
                continue;
            }
            for (ZohoAttachment attachment : scan.fresh()) {
                Candidate candidate = new Candidate(scan.recordId(), attachment);
                boolean retry = delivery.failedBefore(delivery.key(scan.recordId(), attachment));
                (retry ? retries : neverFailed).add(candidate);
            }
            if (scan.cutAt() != null) {
                cut.add(scan.recordId());
                resumeAt.put(scan.recordId(), scan.cutAt());
            }
        }
        // The budget goes to what has not failed before; failures are retried with what is left, or at the next poll.
        neverFailed.addAll(retries);
        for (Candidate candidate : neverFailed) {
            if (candidates.size() < limit) {
                candidates.add(candidate);
            } else {
                surplus.add(candidate);
            }
        }
        for (int i = cut.size() - 1; i >= 0; i--) {
            toList.addFirst(cut.get(i)); // the budget cut these listings short: they go on first
        }
        if (toList.isEmpty() && surplus.isEmpty()) {
            toList = null; // the round is over
        }
        return new Found(candidates,
                listed.size() + " watched " + config.getModule() + " record(s) through the per-record listings",
                failures.isEmpty() ? null : new ZohoAttachmentsPollException(config.getModule(), listed.size(), failures));
    }

    /** The watched records, each once, in the order given. */
    private Set<String> currentRecordIds() throws Exception {
        List<ZohoRecordPath> records = endpoint.checked().records(); // the recordId option's, checked at start-up
        if (config.getRecordIdSource() != null) {
            records = new ArrayList<>();
            for (String id : config.getRecordIdSource().recordIds()) {
                records.add(endpoint.checked().recordPath().withRecordId("recordIdSource", id));
            }
        }
        roundRecords.clear();
        records.forEach(record -> roundRecords.put(record.recordId(), record));
        return new LinkedHashSet<>(roundRecords.keySet());
    }

    private static RecordScan result(Future<RecordScan> future, String recordId) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Exception cause = e.getCause() instanceof Exception ex ? ex : e;
            return new RecordScan(recordId, List.of(), null, cause);
        }
    }

    /**
     * Lists one record page by page, keeping the attachments the delivery does not know yet. Stops early once the poll has
     * found {@code limit} in all. Failures are returned, not thrown, so the other records carry on.
     */
    private RecordScan scan(String recordId, ResumePoint from, AtomicInteger found, int limit) {
        String module = config.getModule();
        boolean skipsExisting = config.getStartFrom() == ZohoStartFrom.now;
        boolean firstSight = skipsExisting && !delivery.isRecorded(startedMarker(recordId));
        List<ZohoAttachment> fresh = new ArrayList<>();
        Set<String> seenThisScan = new HashSet<>();
        ResumePoint[] cutAt = {null};
        int[] pagesRead = {0};
        try {
            client.forEachPage(roundRecords.get(recordId), config.getFields(), config.getPerPage(), from.page(),
                    from.pageToken(),
                    (page, info) -> {
                        pagesRead[0]++;
                        for (ZohoAttachment attachment : page) {
                            String key = delivery.key(recordId, attachment);
                            // A page may repeat items of an earlier one while the record changes: one emission per key.
                            if (!seenThisScan.add(key) || !delivery.isNew(key)) {
                                continue;
                            }
                            // startFrom=now: what existed is recorded, not emitted; also after the first listing, which a
                            // deletion on a page already read can make skip one (every later attachment moves up a place)
                            if (firstSight && existedAtStart(attachment) || skipsExisting && createdBeforeStart(attachment)) {
                                delivery.record(key);
                            } else {
                                fresh.add(attachment);
                                found.incrementAndGet();
                            }
                        }
                        // A first listing under startFrom=now reads every page: its marker says all that existed is recorded.
                        if (!firstSight && (found.get() >= limit || !endpoint.withinBudget()) && info.moreRecords()) {
                            cutAt[0] = info.nextPageToken() != null
                                    ? new ResumePoint(0, info.nextPageToken())
                                    : new ResumePoint(from.page() + pagesRead[0], null);
                            return false;
                        }
                        return true;
                    });
        } catch (Exception e) {
            return new RecordScan(recordId, List.of(), null, e);
        }
        if (firstSight) {
            delivery.record(startedMarker(recordId));
            LOG.debug("startFrom=now: recorded the existing attachments of {}/{} without emitting them", module, recordId);
        }
        fresh.sort(emissionOrder(recordId));
        return new RecordScan(recordId, fresh, cutAt[0], null);
    }

    /**
     * Created before the watch first started, by Zoho's clock (the host's start is moved by the difference Zoho's last answer
     * showed, so a host clock ahead of Zoho's loses nothing).
     */
    private boolean createdBeforeStart(ZohoAttachment attachment) {
        return attachment.getCreatedTime() != null
                && attachment.getCreatedTime().toInstant().isBefore(endpoint.onZohoClock(existingBefore));
    }

    /** On a record's first listing: without a Created_Time (fields left it out), an attachment counts as existing. */
    private boolean existedAtStart(ZohoAttachment attachment) {
        return attachment.getCreatedTime() == null || createdBeforeStart(attachment);
    }

    private String startedMarker(String recordId) {
        return config.getModule() + "/" + recordId + "/*startFrom=now";
    }
}
