package io.github.camelzoho.attachments;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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
import java.util.function.BooleanSupplier;

import io.github.camelzoho.attachments.AttachmentDelivery.Candidate;
import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.client.ZohoModuleListings;
import io.github.camelzoho.attachments.client.ZohoRecordActivity;
import io.github.camelzoho.attachments.client.ZohoRecordPath;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery half of the consumer when it watches a whole module (neither recordId nor recordIdSource): finds the new
 * attachments of every record of the module at a cost that does not grow with the records.
 * <p>
 * The module listing path: {@code GET /crm/v8/Attachments} lists the attachments of every module with their parent and module.
 * The watch keeps a position, the time before which everything was listed, and each walk lists what was modified since, a
 * {@link ModuleListingWalk} that pages by time so that the CRM changing under it loses nothing; an idle poll is one request
 * (304). A walk that is done moves the position to Zoho's clock at its first answer less modifiedSinceOverlap, so an attachment
 * that shows up in the listing a little after its time is still found. A walk reads pages only while the backlog has fewer than
 * maxMessagesPerPoll attachments and the budget allows, and goes on at the next poll where it stopped (also after a failed
 * page), so nothing found is dropped and no page is read twice but to confirm it.
 * <p>
 * The position is kept in the stateRepository ({@link WatchPosition}), never past an attachment found and not yet delivered, so
 * a restart lists again from the oldest of those (less a second) and the repositories drop what comes again.
 * <p>
 * The fallback, when Zoho refuses that listing (INVALID_MODULE on older editions, NO_PERMISSION, OAUTH_SCOPE_MISMATCH): the
 * module's records with {@code fields=id,Last_Activity_Time} (a new attachment moves Last_Activity_Time, not Modified_Time, so
 * If-Modified-Since cannot be used: every record page is read, 200 records per request), then the attachments of each record
 * active since the position. The module listing is asked again once in {@value #MODULE_LISTING_RETRY_WALKS} listings, and taken
 * back once Zoho accepts it.
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
    /** The most attachments the record activity path keeps from one walk; the position stays before the rest. */
    static final int MAX_BACKLOG = 20_000;
    private static final Comparator<Listed> OLDEST_FIRST = Comparator.comparing(Listed::time)
            .thenComparing(f -> f.candidate().attachment().getId(), Comparator.nullsLast(Comparator.naturalOrder()));

    /** The two ways of watching a module. */
    enum Path {
        MODULE_LISTING,
        RECORD_ACTIVITY
    }

    /** An attachment found and the time the position compares (Modified_Time, else Created_Time). */
    private record Listed(String key, Candidate candidate, Instant time) {
    }

    private final ZohoAttachmentsEndpoint endpoint;
    private final ZohoAttachmentsConfiguration config;
    private final ZohoAttachmentsClient client;
    private final ZohoRecordPath modulePath; // checked when the endpoint started
    private final ZohoModuleListings listings;
    private final AttachmentDelivery delivery;
    private final WatchPosition savedPosition;
    private final FirstStartMarker firstStartMarker;
    private final String module;
    private final Duration overlap;
    /** False once the consumer is stopping: a walk stops at the next page. */
    private final BooleanSupplier keepWalking;
    /** Lists the active records' attachments concurrently (the fallback), within maxConcurrentRequests. */
    private final ExecutorService listers;

    /** startFrom=now skips attachments created before this, by the host's clock (the watch's first start, less a margin). */
    private Instant existingBefore;
    /** When this consumer first started in this process. */
    private final Instant startedNow;
    /** Whether the walk under way records what existed at the start instead of emitting it (startFrom=now, first walk). */
    private boolean skipExisting;
    private Path path = Path.MODULE_LISTING;
    private ModuleListingWalk.Order order = ModuleListingWalk.Order.UNKNOWN;
    /**
     * What a walk of the records saw, and how far it covered: confirmed by the next walk. Kept by the endpoint, as the position
     * without a stateRepository is, since a route restart makes a new consumer.
     */
    record RecordWalk(Set<String> ids, Instant covered) {
    }
    /** Where the record activity path's walk started. */
    private Instant recordActivitySince;
    /** The module listing's walk under way, or null. */
    private ModuleListingWalk walk;
    /** Listings through the record activity since the module listing was last refused. */
    private int walksSinceRefusal;
    private boolean announced;
    private boolean positionLoaded;
    /** Everything modified before it was listed (null: nothing listed yet). */
    private Instant position;
    /** Found and not yet handed over, oldest first, and their keys. */
    private final PriorityQueue<Listed> backlog = new PriorityQueue<>(OLDEST_FIRST);
    private final Set<String> backlogKeys = new HashSet<>();
    /** Handed to the delivery and not yet known to be delivered. */
    private final Map<String, Listed> handedOver = new HashMap<>();
    /** Whose exchange failed, or that another consumer held: emitted again after the fresh ones, oldest first. */
    private final Map<String, Listed> retries = new LinkedHashMap<>();
    private boolean warnedNoModule;

    ModuleDiscovery(ZohoAttachmentsEndpoint endpoint, AttachmentDelivery delivery, ExecutorService listers,
            Instant consumerStarted, StateRepository<String, String> state, BooleanSupplier keepWalking) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.modulePath = endpoint.checked().recordPath();
        this.existingBefore = consumerStarted.minus(RecordIdDiscovery.START_CLOCK_MARGIN);
        this.listers = listers;
        this.client = endpoint.getClient();
        this.listings = client.moduleListings();
        this.delivery = delivery;
        this.module = modulePath.module();
        this.savedPosition = new WatchPosition(state, module);
        // without a stateRepository, the first start is kept in the idempotent repository (if any)
        this.firstStartMarker = new FirstStartMarker(
                config.getStateRepository() == null ? config.getIdempotentRepository() : null, module, endpoint.clock());
        this.startedNow = consumerStarted;
        this.overlap = Duration.ofMillis(config.getModifiedSinceOverlap());
        this.keepWalking = keepWalking;
    }

    /** The path in use, for the logs. */
    private String describePath() {
        return path == Path.MODULE_LISTING
                ? "module listing GET " + listings.attachmentsPath()
                : "record activity GET " + listings.recordsPath(module) + "?fields=" + ZohoModuleListings.RECORD_FIELDS
                        + " then the attachments of each active record";
    }

    /**
     * The next candidates, at most {@code limit}, oldest first: from the backlog, read on from the walk under way, or from a
     * new walk once the backlog is empty. A failed page is reported with the candidates (the walk goes on there next time).
     */
    @Override
    public synchronized Found next(int limit) throws Exception {
        if (!positionLoaded) {
            loadPosition();
        }
        settle();
        ZohoAttachmentsPollException failure = null;
        try {
            if (backlog.isEmpty() && walk == null) {
                delivery.newRound();
                startWalk();
            }
            if (walk != null) {
                walkOn(limit);
            }
        } catch (ZohoAttachmentsPollException e) {
            failure = e;
        }
        List<Candidate> batch = new ArrayList<>();
        while (batch.size() < limit && !backlog.isEmpty()) {
            Listed found = backlog.poll();
            backlogKeys.remove(found.key());
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
        savePosition();
        return new Found(batch, "every " + module + " record through the " + describePath(), failure);
    }

    private void loadPosition() {
        positionLoaded = true;
        WatchPosition.Saved saved = savedPosition.load();
        position = saved.position();
        if (position != null) {
            LOG.info("zoho-attachments consumer of {} resumes its watch from {} (saved in the stateRepository under {})",
                    module,
                    position, savedPosition.key());
        }
        if (config.getStartFrom() == ZohoStartFrom.now) {
            // what startFrom=now skips is what existed at the FIRST start, whatever restarts came since
            Instant started = saved.started() != null ? saved.started() : firstStartMarker.firstStart(startedNow);
            existingBefore = started.minus(RecordIdDiscovery.START_CLOCK_MARGIN);
            savedPosition.saveStarted(started);
        }
    }

    /** Forgets what was delivered; what failed, or another consumer held, is offered again after the fresh ones. */
    private void settle() {
        handedOver.values().removeIf(found -> {
            if (delivery.isRecorded(found.key())) {
                return true;
            }
            if (delivery.isInFlightHere(found.key())) {
                return false; // its exchange has not completed yet
            }
            // failed, or held by another consumer (whose lease expires if it crashed): offered again
            if (delivery.failedBefore(found.key()) | delivery.wasHeldElsewhere(found.key())) {
                retries.putIfAbsent(found.key(), found);
            }
            return true; // else delivered (a bounded repository may have evicted its key since)
        });
    }

    private void startWalk() throws Exception {
        if (!endpoint.withinBudget()) {
            return; // a walk of the module listing asks before each page, one of the fallback before it starts
        }
        boolean firstStart = position == null;
        skipExisting = firstStart && config.getStartFrom() == ZohoStartFrom.now;
        // startFrom=now has no position to start from: the consumer's first start, less the overlap, bounds what is listed
        Instant since = skipExisting ? existingBefore.minus(overlap) : position;
        boolean retryingRefused = path == Path.RECORD_ACTIVITY && ++walksSinceRefusal >= MODULE_LISTING_RETRY_WALKS;
        if (path == Path.MODULE_LISTING || retryingRefused) {
            walk = new ModuleListingWalk(listings, config.getFields(), config.getPerPage(), overlap, endpoint.clock(), since,
                    order);
            if (retryingRefused) {
                // one page tells whether Zoho accepts the listing again; a failing try fails no poll
                try {
                    stepWalk();
                    path = Path.MODULE_LISTING;
                    LOG.info("zoho-attachments consumer of {}: Zoho accepts the module listing GET {} again; back to one"
                            + " request per idle poll", module, listings.attachmentsPath());
                } catch (Exception e) {
                    LOG.debug("zoho-attachments consumer of {}: the module listing still fails ({})", module, e.toString());
                    walk = null;
                    walksSinceRefusal = 0;
                    walkRecordActivity(since);
                }
            }
        } else {
            walkRecordActivity(since);
        }
    }

    private void announce() {
        if (!announced) {
            announced = true;
            LOG.info("zoho-attachments consumer of {} watches every {} record through the {}", module, module,
                    describePath());
        }
    }

    /** Reads on while the backlog is short of the limit, the budget allows and the consumer runs. */
    private void walkOn(int limit) throws Exception {
        while (walk != null && backlog.size() < limit && keepWalking.getAsBoolean() && endpoint.withinBudget()) {
            try {
                stepWalk();
            } catch (ZohoApiException e) {
                if (REFUSALS.contains(e.getCode()) || isUnpageable(e)) {
                    refused(e);
                    return;
                }
                throw failed(e, "this page is tried again at the next poll, where the walk goes on");
            } catch (Exception e) {
                throw failed(e, "this page is tried again at the next poll, where the walk goes on");
            }
        }
    }

    /**
     * Past 2,000 attachments by page number without a page token: when Zoho does not sort this listing, or more than 2,000
     * attachments share two seconds.
     */
    private static boolean isUnpageable(ZohoApiException e) {
        return "DISCRETE_PAGINATION_LIMIT_EXCEEDED".equals(e.getCode());
    }

    private void stepWalk() throws Exception {
        boolean done = walk.step(this::offer);
        announce();
        order = walk.order();
        if (done) {
            Instant covered = walk.coveredUntil();
            LOG.debug("zoho-attachments consumer of {}: walk from {} done in {} request(s), {} to confirm a run of pages",
                    module, walk.from, walk.requests(), walk.rereads());
            if (position == null || covered.isAfter(position)) {
                position = covered;
            }
            skipExisting = false;
            walk = null;
        }
    }

    private void refused(ZohoApiException refused) throws Exception {
        Instant since = walk.from;
        walk = null;
        path = Path.RECORD_ACTIVITY;
        walksSinceRefusal = 0;
        if (isUnpageable(refused)) {
            LOG.warn("zoho-attachments consumer of {}: the module listing GET {} has to be read by page number past 2,000"
                    + " attachments and Zoho gives no next_page_token ({}), so not all attachments modified since {} can be"
                    + " listed there; watching"
                    + " {} through its records instead: GET {}?fields={}, then the attachments of each record active since"
                    + " then. The module listing is asked again once in {} polls.", module, listings.attachmentsPath(),
                    refused.getCode(), since, module, listings.recordsPath(module), ZohoModuleListings.RECORD_FIELDS,
                    MODULE_LISTING_RETRY_WALKS);
        } else {
            LOG.warn("zoho-attachments consumer of {}: Zoho refused the module listing GET {} ({}: {}); watching {}"
                    + " through its records instead: GET {}?fields={} (every page, 200 records per request), then the"
                    + " attachments of each record active since the last poll. This costs more credits than the one"
                    + " request an idle poll of the module listing costs; to use it, grant the scope"
                    + " ZohoCRM.modules.attachments.READ (or ZohoCRM.modules.ALL) and a profile that may read"
                    + " attachments. The module listing is asked again once in {} polls.",
                    module, listings.attachmentsPath(), refused.getCode(), refused.getZohoMessage(), module,
                    listings.recordsPath(module), ZohoModuleListings.RECORD_FIELDS, MODULE_LISTING_RETRY_WALKS);
        }
        walkRecordActivity(since);
    }

    /** Takes an attachment a walk listed: of this module, new, and not recorded as existing at the start. */
    private void offer(ZohoAttachment attachment) {
        String itemModule = attachment.getModule();
        if (itemModule == null) {
            warnNoModule();
            return;
        }
        if (!itemModule.equalsIgnoreCase(module) || attachment.getParent() == null || attachment.getParent().getId() == null) {
            return;
        }
        String recordId = attachment.getParent().getId();
        String key = delivery.key(recordId, attachment);
        if (backlogKeys.contains(key) || handedOver.containsKey(key) || retries.containsKey(key) || !delivery.isNew(key)) {
            return; // listed again (pages by time overlap by a second), or already on its way
        }
        Instant time = ModuleListingWalk.timeOf(attachment);
        if (isBeforeTheWalk(time)) {
            return; // listed by an earlier walk (a CRM that ignores If-Modified-Since lists it again)
        }
        if (skipExisting && existedAtStart(attachment)) {
            delivery.record(key); // startFrom=now: existing attachments are recorded, not emitted
            return;
        }
        backlog.add(new Listed(key, new Candidate(recordId, attachment), time == null ? Instant.EPOCH : time));
        backlogKeys.add(key);
    }

    /** Older than what the walk under way lists (less a second): an earlier walk listed it, it was delivered or is held. */
    private boolean isBeforeTheWalk(Instant time) {
        Instant since = walk != null ? walk.from : recordActivitySince;
        return since != null && time != null && time.isBefore(since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1));
    }

    /**
     * Created before the watch first started: what startFrom=now skips. Anything added since is emitted. The start is taken to
     * Zoho's clock, so a host clock ahead of Zoho's loses nothing.
     */
    private boolean existedAtStart(ZohoAttachment attachment) {
        OffsetDateTime created = attachment.getCreatedTime();
        return created != null && created.toInstant().isBefore(endpoint.onZohoClock(existingBefore));
    }

    /** When the consumer stops, after its last exchange: what was delivered moves the saved position on. */
    @Override
    public synchronized void stop() {
        if (!positionLoaded) {
            return;
        }
        try {
            settle();
            savePosition();
        } catch (RuntimeException e) {
            LOG.warn("zoho-attachments consumer of {} could not save its watch position in the stateRepository ({}): a"
                    + " restart lists again from the position saved before", module, e.getMessage());
        }
    }

    /** Saves the position for a restart, never past an attachment found and not yet delivered. */
    private void savePosition() {
        if (position == null) {
            return;
        }
        Instant pending = oldestPending();
        savedPosition.save(pending == null || pending.isAfter(position) ? position : pending);
    }

    /** The oldest attachment found and not yet delivered: the position a restart resumes from must not pass it. */
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

    /**
     * The fallback: reads every record page, then lists the attachments of each record active since {@code since}. Not paged
     * across polls; keeps at most {@link #MAX_BACKLOG}, and the position stays before those it could not keep. A record whose
     * listing fails is reported; the others' attachments are kept, and the position stays where it was.
     */
    private void walkRecordActivity(Instant since) throws Exception {
        recordActivitySince = since;
        // whole seconds, one second back: Last_Activity_Time has whole seconds
        Instant activeSince = since == null ? null : since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        List<String> active = new ArrayList<>();
        Set<String> listedRecords = new HashSet<>();
        ZohoModuleListings.Walk records;
        try {
            // no If-Modified-Since: Zoho compares it with Modified_Time, which a new attachment does not move
            records = listings.forEachRecord(module, null, InputValidator.MAX_PER_PAGE, (page, info) -> {
                for (ZohoRecordActivity record : page) {
                    listedRecords.add(record.id());
                    OffsetDateTime last = record.lastActivityTime();
                    if (record.id() != null && last != null
                            && (activeSince == null || last.toInstant().isAfter(activeSince))) {
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
        Instant serverTime = records.serverTime() == null ? endpoint.clock().instant() : records.serverTime().toInstant();
        List<Future<List<Candidate>>> lists = new ArrayList<>();
        for (String recordId : active) {
            lists.add(listers.submit(() -> {
                List<Candidate> found = new ArrayList<>();
                // an id Zoho listed, checked once here
                client.forEachPage(modulePath.withRecordId("recordId", recordId), config.getFields(), config.getPerPage(), 1,
                        null, (page, info) -> {
                            page.forEach(attachment -> found.add(new Candidate(recordId, attachment)));
                            return true;
                        });
                return found;
            }));
        }
        Exception failure = null;
        PriorityQueue<Listed> newestFirst = new PriorityQueue<>(OLDEST_FIRST.reversed());
        Set<String> seen = new HashSet<>();
        Instant oldestDropped = null;
        for (Future<List<Candidate>> list : lists) {
            try {
                for (Candidate candidate : list.get()) {
                    String key = delivery.key(candidate.recordId(), candidate.attachment());
                    Instant time = ModuleListingWalk.timeOf(candidate.attachment());
                    if (isBeforeTheWalk(time) || !seen.add(key) || backlogKeys.contains(key) || handedOver.containsKey(key)
                            || retries.containsKey(key)
                            || !delivery.isNew(key)) {
                        continue;
                    }
                    if (skipExisting && existedAtStart(candidate.attachment())) {
                        delivery.record(key);
                        continue;
                    }
                    newestFirst.add(new Listed(key, candidate, time == null ? Instant.EPOCH : time));
                    if (newestFirst.size() + backlog.size() > MAX_BACKLOG) {
                        Listed dropped = newestFirst.poll();
                        oldestDropped = oldestDropped == null || dropped.time().isBefore(oldestDropped)
                                ? dropped.time()
                                : oldestDropped;
                    }
                }
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        newestFirst.forEach(found -> backlogKeys.add(found.key()));
        backlog.addAll(newestFirst);
        announce();
        if (failure != null) {
            throw failed(failure, "grant ZohoCRM.modules.attachments.READ, or watch given records with recordId or"
                    + " recordIdSource; what the other records listed is emitted, and all are listed again at the next poll");
        }
        Instant covered = serverTime.minus(overlap);
        if (oldestDropped != null && oldestDropped.isBefore(covered)) {
            covered = oldestDropped; // not kept: listed again by the next walk (which starts a second before)
        }
        // The records are paged by number: a record deleted during the walk moves the later ones up a place, and one is not
        // seen. A walk of one page counts at once; one of more pages once the next walk has seen every record it saw.
        Instant confirmed = records.requests() == 1 ? covered : null;
        RecordWalk previousRecords = endpoint.lastRecordWalk();
        if (confirmed == null && previousRecords != null && listedRecords.containsAll(previousRecords.ids())) {
            confirmed = previousRecords.covered();
        }
        endpoint.setLastRecordWalk(new RecordWalk(listedRecords, covered));
        if (confirmed != null && (position == null || confirmed.isAfter(position))) {
            position = confirmed;
        }
        skipExisting = false;
    }

    private void warnNoModule() {
        if (!warnedNoModule) {
            warnedNoModule = true;
            LOG.warn("zoho-attachments consumer of {}: the module listing GET {} returned attachments without $se_module;"
                    + " they cannot be told apart by module and are ignored",
                    module, listings.attachmentsPath());
        }
    }

    private ZohoAttachmentsPollException failed(Exception cause, String whatToDo) {
        return new ZohoAttachmentsPollException("Watching every " + module + " record through the " + describePath()
                + " failed: " + cause.getMessage() + "; " + whatToDo,
                cause);
    }
}
