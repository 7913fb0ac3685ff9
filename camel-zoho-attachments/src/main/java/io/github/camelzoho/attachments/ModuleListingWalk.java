package io.github.camelzoho.attachments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoModuleListings;
import io.github.camelzoho.attachments.client.ZohoModuleListings.AttachmentPage;
import io.github.camelzoho.attachments.client.ZohoModuleListings.PageRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One walk of the module listing {@code GET /crm/v8/Attachments}: every attachment modified at or after {@link #from}, read one
 * page per {@link #step}, so a walk can pause (a full backlog, the budget, a failed page) and go on at the next poll where it
 * stopped.
 * <p>
 * Paging by offset is not safe while the CRM changes: a deletion on a page already read moves every later attachment up one
 * place, and the first one of the next page is never seen. So the walk asks for the oldest first and pages by time (keyset):
 * each request is page 1 from {@code If-Modified-Since} = the last time read less one second, and one answer cannot shift under
 * itself; before its first step by time it checks, once, that Zoho honours the order (the newest first when asked so). Pages by
 * number are read only for what one page cannot hold (more than a page of attachments in one or two seconds), or when Zoho does
 * not sort this listing; such a run of pages with one If-Modified-Since (a segment) is read again, and counts only once a later
 * read has seen everything the earlier one saw: a read skips an attachment only when an attachment it saw is deleted while it
 * pages on, which the later read then misses.
 * <p>
 * Every If-Modified-Since sent is at least one second before anything not yet listed, so the walk loses nothing whether Zoho
 * compares strictly (after) or inclusively (at or after) and whatever the sub-second of a time.
 */
final class ModuleListingWalk {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleListingWalk.class);

    /** What the watch knows of the listing's order; kept across walks by the discovery. */
    enum Order {
        /** Asked oldest first; not yet shown to be so. Pages are read by number meanwhile. */
        UNKNOWN,
        /** Zoho showed it honours the order asked (the newest first when asked so): pages by time. */
        ASCENDING,
        /** Zoho ignores or refuses the order asked: pages by number, each run of pages read again to confirm it. */
        UNORDERED
    }

    /** Receives every attachment a page lists, of every module. */
    interface Sink {

        void offer(ZohoAttachment attachment);
    }

    private final ZohoModuleListings listings;
    private final String fields;
    private final int perPage;
    private final Duration overlap;
    private final Clock clock;
    /** Everything modified at or after it is listed by this walk; null for the whole listing. */
    final Instant from;
    private Order order;
    /** Zoho's clock at the walk's first answer (the host's when Zoho sends no Date). */
    private Instant serverStart;
    /** Sent as If-Modified-Since; null for none. */
    private Instant bound;
    private PageRef at = PageRef.FIRST;
    /** The ids of the attachments the current segment's read has seen so far. */
    private Set<String> segment = new HashSet<>();
    private int segmentPages;
    /** The last time the current segment read, to check the order across its pages. */
    private Instant lastRead;
    /** What the segment's previous read saw, when it is being read again to confirm it; null otherwise. */
    private Set<String> previousRead;
    private Instant previousNextBound;
    private boolean done;
    private int requests;
    private int rereads;

    ModuleListingWalk(ZohoModuleListings listings, String fields, int perPage, Duration overlap, Clock clock, Instant from,
            Order order) {
        this.listings = listings;
        this.fields = fields;
        this.perPage = perPage;
        this.overlap = overlap;
        this.clock = clock;
        this.from = from;
        this.order = order;
        this.bound = from == null ? null : from.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    }

    Order order() {
        return order;
    }

    boolean isDone() {
        return done;
    }

    /** Requests this walk sent, and how many of them read a segment again to confirm it. */
    int requests() {
        return requests;
    }

    int rereads() {
        return rereads;
    }

    /** Zoho's clock at the walk's first answer, or null before it. */
    Instant serverStart() {
        return serverStart;
    }

    /**
     * Everything listed before this is known to have been seen once the walk is done: Zoho's clock at its first answer less
     * modifiedSinceOverlap (what shows in the listing a little after its time is listed again by the next walk).
     */
    Instant coveredUntil() {
        return serverStart.minus(overlap);
    }

    /**
     * Reads the next page and offers its attachments to the sink.
     *
     * @return true when the walk is done: everything from {@link #from} has been listed
     */
    boolean step(Sink sink) throws Exception {
        boolean ascending = order != Order.UNORDERED;
        AttachmentPage page;
        try {
            requests++;
            page = listings.attachmentPage(fields, boundAtUtc(), perPage, at, ascending ? ZohoModuleListings.ASCENDING : null);
        } catch (ZohoApiException e) {
            if (ascending && e.getHttpStatus() == 400 && "INVALID_DATA".equals(e.getCode())) {
                LOG.info("Zoho refuses {} on GET {} ({}): the module watch pages by number, and reads each run of more than"
                        + " one page again to confirm it", ZohoModuleListings.ASCENDING, listings.attachmentsPath(),
                        e.getMessage());
                becomeUnordered();
                return false;
            }
            throw e;
        }
        if (serverStart == null) {
            serverStart = page.serverTime() != null ? page.serverTime().toInstant() : clock.instant();
        }
        if (page.notModified()) {
            return endSegment(null);
        }
        List<ZohoAttachment> items = page.items();
        if (ascending && !checkOrder(items)) {
            items.forEach(sink::offer); // listed: the repositories drop what comes again
            return false;
        }
        for (ZohoAttachment attachment : items) {
            sink.offer(attachment);
            if (attachment.getId() != null) {
                segment.add(attachment.getId());
            }
        }
        segmentPages++;
        if (!page.info().moreRecords()) {
            return endSegment(null);
        }
        Instant last = items.isEmpty() ? null : timeOf(items.get(items.size() - 1));
        if (order != Order.UNORDERED && last != null) {
            Instant next = last.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            if ((bound == null || next.isAfter(bound)) && sortHonoured(items)) {
                return endSegment(next);
            }
            if (order == Order.UNORDERED) {
                return false; // the walk starts over by page number
            }
        }
        at = at.next(page.info(), items.size(), listings.attachmentsPath());
        return false;
    }

    /** True while the listing comes oldest first; on the first time going back, the walk starts over by page number. */
    private boolean checkOrder(List<ZohoAttachment> items) {
        Instant previous = lastRead;
        for (ZohoAttachment attachment : items) {
            Instant time = timeOf(attachment);
            if (time == null) {
                continue;
            }
            if (previous != null && time.isBefore(previous)) {
                LOG.info("Zoho does not sort GET {} as asked ({}): the module watch pages by number, and reads each run of"
                        + " more than one page again to confirm it", listings.attachmentsPath(), ZohoModuleListings.ASCENDING);
                becomeUnordered();
                return false;
            }
            previous = time;
        }
        lastRead = previous;
        return true;
    }

    /**
     * Whether paging by time is safe: a page that looks oldest first may come in another order that happens to look so (by id,
     * say), and a step by time would skip what that order puts on later pages. So before the first step, the same page is asked
     * newest first (one request, once per consumer start): Zoho honours the order if that answer starts with the newest and
     * holds nothing older than what the ascending one started with.
     */
    private boolean sortHonoured(List<ZohoAttachment> ascendingPage) throws Exception {
        if (order == Order.ASCENDING) {
            return true;
        }
        requests++;
        List<ZohoAttachment> descending;
        try {
            descending = listings.attachmentPage(fields, boundAtUtc(), perPage, PageRef.FIRST, ZohoModuleListings.DESCENDING)
                    .items();
        } catch (ZohoApiException e) {
            if (e.getHttpStatus() != 400) {
                throw e; // asked again with the page at the next poll
            }
            descending = List.of(); // refused: not honoured
        }
        Instant oldestAscending = timeOf(ascendingPage.get(0));
        Instant newestAscending = timeOf(ascendingPage.get(ascendingPage.size() - 1));
        Instant previous = null;
        boolean honoured = !descending.isEmpty() && oldestAscending != null;
        for (ZohoAttachment attachment : descending) {
            Instant time = timeOf(attachment);
            honoured &= time != null && (previous == null || !time.isAfter(previous)) && !time.isBefore(oldestAscending);
            previous = time;
        }
        honoured = honoured && timeOf(descending.get(0)).isAfter(oldestAscending)
                && !timeOf(descending.get(0)).isBefore(newestAscending);
        if (honoured) {
            order = Order.ASCENDING;
        } else {
            LOG.info("Zoho does not sort GET {} as asked ({}): the module watch pages by number, and reads each run of more"
                    + " than one page again to confirm it", listings.attachmentsPath(), ZohoModuleListings.ASCENDING);
            becomeUnordered();
        }
        return honoured;
    }

    private OffsetDateTime boundAtUtc() {
        return bound == null ? null : bound.atOffset(ZoneOffset.UTC);
    }

    /** Starts the walk over from {@link #from}, by page number. */
    private void becomeUnordered() {
        order = Order.UNORDERED;
        bound = from == null ? null : from.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        startSegment();
        previousRead = null;
    }

    private void startSegment() {
        at = PageRef.FIRST;
        segment = new HashSet<>();
        segmentPages = 0;
        lastRead = null;
    }

    /**
     * A segment's read ended: at the end of the listing ({@code nextBound} null) or where the next page by time starts. A read
     * of one page is one answer and counts at once. A read of more pages counts once a later read of the segment has seen every
     * attachment it saw: a read skips an attachment only when one it saw is deleted while it pages on, and then the later read
     * misses that one. Attachments the later read sees in addition are new, or were skipped; they are offered either way.
     */
    private boolean endSegment(Instant nextBound) {
        if (segmentPages > 1) {
            if (previousRead == null || !segment.containsAll(previousRead)) {
                previousRead = segment;
                previousNextBound = nextBound;
                startSegment();
                rereads++;
                return false;
            }
            nextBound = previousNextBound; // the read now confirmed is the previous one
        }
        previousRead = null;
        previousNextBound = null;
        startSegment();
        if (nextBound == null) {
            done = true;
            return true;
        }
        bound = nextBound;
        return false;
    }

    /** The time the watch compares: Modified_Time, else Created_Time; null when the fields asked for neither. */
    static Instant timeOf(ZohoAttachment attachment) {
        OffsetDateTime time = attachment.getModifiedTime() != null
                ? attachment.getModifiedTime()
                : attachment.getCreatedTime();
        return time == null ? null : time.toInstant();
    }
}
