package io.github.camelzoho.attachments;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.github.camelzoho.attachments.AttachmentDelivery.Candidate;
import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.client.ZohoModuleListings;
import io.github.camelzoho.attachments.client.ZohoRecordActivity;
import io.github.camelzoho.attachments.client.ZohoRecordPath;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery half of the consumer when it watches a whole module (neither recordId nor recordIdSource): finds the new
 * attachments of every record of the module at a cost that does not grow with the records.
 * <p>
 * The module listing path: {@code GET /crm/v8/Attachments} lists the attachments of every module with their parent and module;
 * each poll sends {@code If-Modified-Since} = the high-water mark, so an idle poll is one request (304). The mark is Zoho's
 * clock at the previous poll (its {@code Date} header) minus modifiedSinceOverlap, so an attachment that shows up in the
 * listing a little after its Created_Time is still found, and it never passes an attachment found but not yet delivered, so a
 * failed exchange comes again. What is listed again is de-duplicated by the repositories. Nothing depends on the listing's
 * order, or on Zoho honouring the header (a 200 with everything only costs more requests).
 * <p>
 * The fallback, when Zoho refuses that listing (INVALID_MODULE on older editions, NO_PERMISSION, OAUTH_SCOPE_MISMATCH): the
 * module's records with {@code fields=id,Last_Activity_Time} (a new attachment moves Last_Activity_Time, not Modified_Time, so
 * If-Modified-Since cannot be used: every record page is read, 200 records per request), then the attachments of each record
 * active since the mark. The module listing is asked again once in {@value #MODULE_LISTING_RETRY_WALKS} listings, and taken
 * back once Zoho accepts it.
 * <p>
 * Found attachments wait in a bounded backlog, oldest first, and are handed to the delivery at most maxMessagesPerPoll per
 * poll; a poll with a backlog sends no request. The mark is kept in the idempotent repository ({@link ModuleWatchMark}), so a
 * restart with a persistent repository resumes where it stopped.
 */
final class ModuleDiscovery implements AttachmentDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleDiscovery.class);
    /** Zoho's answers to a listing the org, the user or the token may not use. */
    private static final Set<String> REFUSALS = Set.of("INVALID_MODULE", "NO_PERMISSION", "OAUTH_SCOPE_MISMATCH",
            "INVALID_URL_PATTERN");
    /**
     * After a refusal, the module listing is asked again once in this many listings (about an hour at the default delay): a
     * scope or permission granted later brings the watch back to one request per idle poll without a restart.
     */
    static final int MODULE_LISTING_RETRY_WALKS = 60;
    /** The most attachments kept waiting between polls; beyond it the newest are listed again later. */
    static final int MAX_BACKLOG = 20_000;
    private static final Comparator<Listed> OLDEST_FIRST = Comparator.comparing(Listed::time)
            .thenComparing(f -> f.candidate().attachment().getId(), Comparator.nullsLast(Comparator.naturalOrder()));

    /** The two ways of watching a module. */
    enum Path {
        MODULE_LISTING,
        RECORD_ACTIVITY
    }

    /** An attachment found and the time the mark compares (Modified_Time, else Created_Time). */
    private record Listed(String key, Candidate candidate, Instant time) {
    }

    private final ZohoAttachmentsConfiguration config;
    private final ZohoAttachmentsClient client;
    private final ZohoRecordPath modulePath; // checked when the endpoint started
    private final ZohoModuleListings listings;
    private final AttachmentDelivery delivery;
    private final ModuleWatchMark savedMark;
    private final String module;
    private final Duration overlap;
    /** startFrom=now skips only attachments created before this: the consumer's first start, less a clock margin. */
    private final Instant existingBefore;
    /** Lists the active records' attachments concurrently (the fallback), within maxConcurrentRequests. */
    private final ExecutorService listers;

    private Path path = Path.MODULE_LISTING;
    /** Listings through the record activity since the module listing was last refused. */
    private int walksSinceRefusal;
    private boolean announced;
    private boolean markLoaded;
    /** Everything created before it has been found (null: nothing listed yet). */
    private Instant mark;
    /** Found and not yet handed over, oldest first. */
    private final PriorityQueue<Listed> backlog = new PriorityQueue<>(OLDEST_FIRST);
    /** Handed to the delivery and not yet known to be delivered. */
    private final Map<String, Listed> handedOver = new HashMap<>();
    /** Whose exchange failed: emitted again after the fresh ones, oldest failure first. */
    private final Map<String, Listed> retries = new LinkedHashMap<>();
    private boolean warnedNoModule;

    ModuleDiscovery(ZohoAttachmentsEndpoint endpoint, AttachmentDelivery delivery, ExecutorService listers,
            Instant consumerStarted) {
        this.config = endpoint.getConfiguration();
        this.modulePath = endpoint.checked().recordPath();
        this.existingBefore = consumerStarted.minus(RecordIdDiscovery.START_CLOCK_MARGIN);
        this.listers = listers;
        this.client = endpoint.getClient();
        this.listings = client.moduleListings();
        this.delivery = delivery;
        this.module = modulePath.module();
        this.savedMark = new ModuleWatchMark(config.getIdempotentRepository(), module);
        this.overlap = Duration.ofMillis(config.getModifiedSinceOverlap());
    }

    /** The path in use, for the logs. */
    private String describePath() {
        return path == Path.MODULE_LISTING
                ? "module listing GET " + listings.attachmentsPath()
                : "record activity GET " + listings.recordsPath(module) + "?fields=" + ZohoModuleListings.RECORD_FIELDS
                        + " then the attachments of each active record";
    }

    /**
     * The next candidates, at most {@code limit}, oldest first: from the backlog, else from a new listing.
     *
     * @throws ZohoAttachmentsPollException
     *             when the path fails, naming it and what to change
     */
    @Override
    public Found next(int limit) throws Exception {
        if (!markLoaded) {
            mark = savedMark.load(Instant.now());
            markLoaded = true;
            if (mark != null) {
                LOG.info("zoho-attachments consumer of {} resumes its watch from {} (saved in the idempotent repository)",
                        module, mark);
            }
        }
        settle();
        saveMark();
        if (backlog.isEmpty()) {
            delivery.newRound();
            walk();
        }
        List<Candidate> batch = new ArrayList<>();
        while (batch.size() < limit && !backlog.isEmpty()) {
            Listed found = backlog.poll();
            handedOver.put(found.key(), found);
            batch.add(found.candidate());
        }
        // what failed before comes after what is new, so that attachments that keep failing never starve the others
        for (Iterator<Listed> retry = retries.values().iterator(); batch.size() < limit && retry.hasNext();) {
            Listed found = retry.next();
            retry.remove();
            handedOver.put(found.key(), found);
            batch.add(found.candidate());
        }
        return new Found(batch, "every " + module + " record through the " + describePath(), null);
    }

    /** Forgets what was delivered; moves what failed to the retries, emitted after the fresh ones. */
    private void settle() {
        handedOver.values().removeIf(found -> {
            if (delivery.isRecorded(found.key())) {
                return true;
            }
            if (delivery.failedBefore(found.key())) {
                retries.putIfAbsent(found.key(), found);
                return true;
            }
            return false; // still in flight
        });
    }

    private void walk() throws Exception {
        boolean firstStart = mark == null;
        boolean skipExisting = firstStart && config.getStartFrom() == ZohoStartFrom.now;
        // startFrom=now has no mark to start from: the consumer's first start, less the overlap, bounds what is listed
        Instant since = skipExisting ? existingBefore.minus(overlap) : mark;
        Walked walked;
        boolean retryingRefused = path == Path.RECORD_ACTIVITY && ++walksSinceRefusal >= MODULE_LISTING_RETRY_WALKS;
        if (path == Path.MODULE_LISTING || retryingRefused) {
            try {
                walked = walkModuleListing(since);
                if (retryingRefused) {
                    path = Path.MODULE_LISTING;
                    LOG.info("zoho-attachments consumer of {}: Zoho accepts the module listing GET {} again; back to one"
                            + " request per idle poll", module, listings.attachmentsPath());
                }
            } catch (Exception e) {
                ZohoApiException refused = e instanceof ZohoApiException z && REFUSALS.contains(z.getCode()) ? z : null;
                if (retryingRefused) {
                    // still refused, or failing: the record activity path goes on meanwhile
                    LOG.debug("zoho-attachments consumer of {}: the module listing still fails ({})", module, e.toString());
                } else if (refused == null) {
                    throw failed(e, "it is tried again at the next poll");
                } else {
                    path = Path.RECORD_ACTIVITY;
                    LOG.warn("zoho-attachments consumer of {}: Zoho refused the module listing GET {} ({}: {}); watching {}"
                            + " through its records instead: GET {}?fields={} (every page, 200 records per request), then the"
                            + " attachments of each record active since the last poll. This costs more credits than the one"
                            + " request an idle poll of the module listing costs; to use it, grant the scope"
                            + " ZohoCRM.modules.attachments.READ (or ZohoCRM.modules.ALL) and a profile that may read"
                            + " attachments. The module listing is asked again once in {} polls.",
                            module, listings.attachmentsPath(), refused.getCode(), refused.getZohoMessage(), module,
                            listings.recordsPath(module), ZohoModuleListings.RECORD_FIELDS, MODULE_LISTING_RETRY_WALKS);
                }
                walksSinceRefusal = 0;
                walked = walkRecordActivity(since);
            }
        } else {
            walked = walkRecordActivity(since);
        }
        if (!announced) {
            announced = true;
            LOG.info("zoho-attachments consumer of {} watches every {} record through the {}", module, module,
                    describePath());
        }
        Instant coverage = walked.serverTime != null
                ? walked.serverTime.minus(overlap)
                : walked.newest != null ? walked.newest.minus(overlap) : since;
        for (Listed found : walked.found) {
            if (skipExisting && existedAtStart(found)) {
                delivery.record(found.key()); // startFrom=now: existing attachments are recorded, not emitted
            } else {
                backlog.add(found);
            }
        }
        if (walked.oldestDropped != null && (coverage == null || walked.oldestDropped.isBefore(coverage))) {
            coverage = walked.oldestDropped; // dropped from a full backlog: list them again later
        }
        if (coverage != null && (mark == null || coverage.isAfter(mark))) {
            mark = coverage;
        }
        saveMark();
    }

    /** Created before the consumer first started: what startFrom=now skips. Anything added since is emitted. */
    private boolean existedAtStart(Listed found) {
        OffsetDateTime created = found.candidate().attachment().getCreatedTime();
        return created != null && created.toInstant().isBefore(existingBefore);
    }

    /** When the consumer stops, after its last exchange: what was delivered moves the saved mark on. */
    @Override
    public void stop() {
        if (!markLoaded) {
            return;
        }
        try {
            settle();
            saveMark();
        } catch (RuntimeException e) {
            LOG.warn("zoho-attachments consumer of {} could not save its watch mark in the idempotent repository ({}): a"
                    + " restart lists again from the mark saved before",
                    module, e.getMessage());
        }
    }

    /** Saves the mark for a restart, never past an attachment found and not yet delivered. */
    private void saveMark() {
        if (mark == null) {
            return;
        }
        Instant pending = oldestPending();
        savedMark.save(pending == null || pending.isAfter(mark) ? mark : pending);
    }

    /** The oldest attachment found and not yet delivered: the mark a restart may resume from must not pass it. */
    private Instant oldestPending() {
        Instant oldest = backlog.isEmpty() ? null : backlog.peek().time();
        List<Listed> pending = new ArrayList<>(handedOver.values());
        pending.addAll(retries.values());
        for (Listed found : pending) {
            if (oldest == null || found.time().isBefore(oldest)) {
                oldest = found.time();
            }
        }
        return oldest;
    }

    /** What one walk found. */
    private static final class Walked {

        final List<Listed> found = new ArrayList<>();
        Instant serverTime;
        Instant newest;
        Instant oldestDropped;
    }

    private Walked walkModuleListing(Instant since) throws Exception {
        Walked walked = new Walked();
        Collector collector = new Collector(since, walked);
        ZohoModuleListings.Walk walk = listings.forEachAttachmentOfEveryModule(config.getFields(), atUtc(since),
                config.getPerPage(), (page, info) -> {
                    for (ZohoAttachment attachment : page) {
                        String itemModule = attachment.getModule();
                        if (itemModule == null) {
                            warnNoModule();
                            continue;
                        }
                        if (itemModule.equalsIgnoreCase(module) && attachment.getParent() != null
                                && attachment.getParent().getId() != null) {
                            collector.offer(attachment.getParent().getId(), attachment);
                        }
                    }
                    return true;
                });
        walked.serverTime = walk.serverTime() == null ? null : walk.serverTime().toInstant();
        collector.finish();
        return walked;
    }

    private Walked walkRecordActivity(Instant since) throws Exception {
        Walked walked = new Walked();
        Collector collector = new Collector(since, walked);
        List<String> active = new ArrayList<>();
        ZohoModuleListings.Walk walk;
        try {
            // no If-Modified-Since: Zoho compares it with Modified_Time, which a new attachment does not move
            walk = listings.forEachRecord(module, null, InputValidator.MAX_PER_PAGE, (records, info) -> {
                for (ZohoRecordActivity record : records) {
                    OffsetDateTime last = record.lastActivityTime();
                    if (record.id() != null && last != null && (since == null || !last.toInstant().isBefore(since))) {
                        active.add(record.id());
                    }
                }
                return true;
            });
        } catch (Exception e) {
            throw failed(e, "grant the scope ZohoCRM.modules." + module.toLowerCase(Locale.ROOT)
                    + ".READ (or ZohoCRM.modules.ALL) and ZohoCRM.modules.attachments.READ with a profile that may"
                    + " read " + module + ", or watch given records with recordId or recordIdSource");
        }
        walked.serverTime = walk.serverTime() == null ? null : walk.serverTime().toInstant();
        List<Future<?>> listings = new ArrayList<>();
        for (String recordId : active) {
            listings.add(listers.submit(() -> {
                // an id Zoho listed, checked once here
                client.forEachPage(modulePath.withRecordId("recordId", recordId), config.getFields(), config.getPerPage(), 1,
                        null, (page, info) -> {
                            page.forEach(attachment -> collector.offer(recordId, attachment));
                            return true;
                        });
                return null;
            }));
        }
        Exception failure = null;
        for (Future<?> listing : listings) {
            try {
                listing.get();
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        if (failure != null) {
            throw failed(failure, "grant ZohoCRM.modules.attachments.READ, or watch given records with recordId or"
                    + " recordIdSource; it is tried again at the next poll");
        }
        collector.finish();
        return walked;
    }

    /** Keeps the new attachments of one walk, at most {@link #MAX_BACKLOG}, the oldest. */
    private final class Collector {

        private final Instant since;
        private final Walked walked;
        private final Set<String> seen = new HashSet<>();
        private final PriorityQueue<Listed> newestFirst = new PriorityQueue<>(OLDEST_FIRST.reversed());

        Collector(Instant since, Walked walked) {
            this.since = since;
            this.walked = walked;
        }

        synchronized void offer(String recordId, ZohoAttachment attachment) {
            Instant time = timeOf(attachment);
            if (time != null && (walked.newest == null || time.isAfter(walked.newest))) {
                walked.newest = time;
            }
            // older than the mark: found by an earlier poll (a CRM ignoring If-Modified-Since lists it again)
            if (since != null && time != null && time.isBefore(since)) {
                return;
            }
            String key = delivery.key(recordId, attachment);
            if (!seen.add(key) || handedOver.containsKey(key) || retries.containsKey(key) || !delivery.isNew(key)) {
                return;
            }
            newestFirst.add(new Listed(key, new Candidate(recordId, attachment), time == null ? Instant.EPOCH : time));
            if (newestFirst.size() + backlog.size() > MAX_BACKLOG) {
                Listed dropped = newestFirst.poll();
                if (walked.oldestDropped == null || dropped.time().isBefore(walked.oldestDropped)) {
                    walked.oldestDropped = dropped.time();
                }
            }
        }

        void finish() {
            walked.found.addAll(newestFirst);
        }
    }

    private void warnNoModule() {
        if (!warnedNoModule) {
            warnedNoModule = true;
            LOG.warn("zoho-attachments consumer of {}: the module listing GET {} returned attachments without $se_module;"
                    + " they cannot be told apart by module and are ignored",
                    module, listings.attachmentsPath());
        }
    }

    private static Instant timeOf(ZohoAttachment attachment) {
        OffsetDateTime time = attachment.getModifiedTime() != null
                ? attachment.getModifiedTime()
                : attachment.getCreatedTime();
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime atUtc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private ZohoAttachmentsPollException failed(Exception cause, String whatToDo) {
        return new ZohoAttachmentsPollException("Watching every " + module + " record through the " + describePath()
                + " failed: " + cause.getMessage() + "; " + whatToDo,
                cause);
    }
}
