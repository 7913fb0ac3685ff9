package io.github.camelzoho.attachments.client;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelzoho.attachments.client.PageCursor.Page;
import io.github.camelzoho.attachments.client.internal.InputValidator;

/**
 * The two listings that watch a whole module at a cost that does not grow with its records:
 * <ul>
 * <li>{@code GET /crm/{version}/Attachments}: the attachments of every module of the org, each with {@code Parent_Id} and
 * {@code $se_module}. Not in Zoho's API reference, but called against live CRMs by public tools; it may be refused
 * (INVALID_MODULE on older editions, NO_PERMISSION, OAUTH_SCOPE_MISMATCH).</li>
 * <li>{@code GET /crm/{version}/{module}?fields=id,Last_Activity_Time}: a module's records, 200 per credit, to find those with
 * activity (a new attachment moves Last_Activity_Time) when the first listing is refused.</li>
 * </ul>
 * Both are walked page by page ({@code page}, and {@code page_token} whenever Zoho gives one) and may be conditional: with a
 * {@code modifiedSince}, the request carries {@code If-Modified-Since} and a 304 ends the walk at once. Nothing here depends on
 * the order of the listing or on the header being honoured: a caller filters what it gets.
 */
public final class ZohoModuleListings {

    /** The keys the whole-module watch needs of each attachment, whatever else is asked for. */
    public static final String WATCH_FIELDS = "id,Created_Time,Modified_Time,Parent_Id,$se_module";
    /** The keys read from each record by {@link #forEachRecord}. */
    public static final String RECORD_FIELDS = "id,Last_Activity_Time";

    /** What {@link #attachmentPage} adds to ask for the oldest first. */
    public static final String ASCENDING = "sort_by=Modified_Time&sort_order=asc";
    /** The newest first, to check that Zoho honours {@link #ASCENDING}. */
    public static final String DESCENDING = "sort_by=Modified_Time&sort_order=desc";

    /** ISO-8601 with a numeric offset ({@code +00:00}, never {@code Z}), as Zoho's examples write it. */
    private static final DateTimeFormatter IF_MODIFIED_SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final HttpExecutor executor;
    private final String apiVersion;
    final ObjectReader attachmentPages;
    private final ObjectReader recordPages;

    /**
     * How a walk went.
     *
     * @param requests
     *            the requests it sent (pages read, or 1 for a 304)
     * @param notModified
     *            true when Zoho answered 304: nothing after {@code modifiedSince}
     * @param serverTime
     *            Zoho's clock at the first answer (its {@code Date} header), or null when absent
     */
    public record Walk(int requests, boolean notModified, OffsetDateTime serverTime) {
    }

    /**
     * Where a page of the module listing is: its number, or Zoho's {@code next_page_token} (never both in one request).
     *
     * @param page
     *            the page number (1-based), used when {@code pageToken} is null
     * @param pageToken
     *            a token from an earlier page's {@code next_page_token}, or null
     */
    public record PageRef(int page, String pageToken) {

        public static final PageRef FIRST = new PageRef(1, null);

        /** The page after one whose {@code info} said more_records; fails rather than loop on a token that repeats. */
        public PageRef next(ZohoPageInfo info, int itemsOnPage, String path) throws ZohoApiException {
            PageCursor cursor = new PageCursor(page, pageToken);
            cursor.advance(info, itemsOnPage, 200, path);
            return cursor.pageRef();
        }
    }

    /**
     * One page of the module listing.
     *
     * @param items
     *            the attachments on it (empty for a 204 or a 304)
     * @param info
     *            Zoho's {@code info}
     * @param notModified
     *            true when Zoho answered 304: nothing after {@code modifiedSince}
     * @param serverTime
     *            Zoho's clock at the answer (its {@code Date} header), or null when absent
     */
    public record AttachmentPage(List<ZohoAttachment> items, ZohoPageInfo info, boolean notModified,
            OffsetDateTime serverTime) {
    }

    /** Receives a record listing one page at a time; return false to stop before the next page. */
    @FunctionalInterface
    public interface RecordPageHandler {

        boolean onPage(List<ZohoRecordActivity> records, ZohoPageInfo info) throws Exception;
    }

    ZohoModuleListings(HttpExecutor executor, String apiVersion, ObjectMapper json) {
        this.executor = executor;
        this.apiVersion = apiVersion;
        this.attachmentPages = json.readerFor(new TypeReference<Page<ZohoAttachment>>() {
        });
        this.recordPages = json.readerFor(new TypeReference<Page<ZohoRecordActivity>>() {
        });
    }

    /** The path of the module-level attachment listing, e.g. {@code /crm/v8/Attachments}. */
    public String attachmentsPath() {
        return "/crm/" + apiVersion + "/Attachments";
    }

    /** The path of a module's record listing, e.g. {@code /crm/v8/Leads}. */
    public String recordsPath(String module) {
        return "/crm/" + apiVersion + "/" + InputValidator.module("module", module);
    }

    /**
     * Walks the attachments of every module ({@code GET /crm/{version}/Attachments}).
     *
     * @param fields
     *            the keys to ask for; {@link #WATCH_FIELDS} are always added
     * @param modifiedSince
     *            sent as {@code If-Modified-Since}, or null for the whole listing
     */
    public Walk forEachAttachmentOfEveryModule(String fields, OffsetDateTime modifiedSince, int perPage,
            ZohoAttachmentsClient.PageHandler handler) throws Exception {
        String fieldList = InputValidator.fields("fields", withWatchFields(fields));
        return new PageCursor(1, null).walk(executor, attachmentsPath(), "fields=" + Query.encode(fieldList),
                ifModifiedSince(modifiedSince), perPage, attachmentPages, handler::onPage);
    }

    /**
     * Reads one page of the attachments of every module ({@code GET /crm/{version}/Attachments}).
     *
     * @param fields
     *            the keys to ask for; {@link #WATCH_FIELDS} are always added
     * @param modifiedSince
     *            sent as {@code If-Modified-Since}, or null
     * @param sort
     *            {@link #ASCENDING}, {@link #DESCENDING} or null for Zoho's own order; whether this listing honours a sort is
     *            unconfirmed, so a caller checks the order it gets
     */
    public AttachmentPage attachmentPage(String fields, OffsetDateTime modifiedSince, int perPage, PageRef at, String sort)
            throws Exception {
        String fieldList = InputValidator.fields("fields", withWatchFields(fields));
        String query = "fields=" + Query.encode(fieldList) + (sort == null ? "" : "&" + sort);
        PageCursor.Fetched<ZohoAttachment> fetched = new PageCursor(at.page(), at.pageToken()).read(executor,
                attachmentsPath(), query, ifModifiedSince(modifiedSince), InputValidator.perPage("perPage", perPage),
                attachmentPages);
        return new AttachmentPage(fetched.page().items(), fetched.page().pageInfo(), fetched.notModified(),
                fetched.serverTime());
    }

    /**
     * Walks a module's records with {@code fields=id,Last_Activity_Time}. Zoho compares If-Modified-Since with the records'
     * Modified_Time, which a new attachment does not move: pass null to find records with new attachments.
     */
    public Walk forEachRecord(String module, OffsetDateTime modifiedSince, int perPage, RecordPageHandler handler)
            throws Exception {
        return new PageCursor(1, null).walk(executor, recordsPath(module), "fields=" + Query.encode(RECORD_FIELDS),
                ifModifiedSince(modifiedSince), perPage, recordPages, handler::onPage);
    }

    /**
     * Asks for the first record of a module ({@code GET /crm/{version}/{module}?fields=id&per_page=1}), sent once whatever the
     * answer: one API credit, to learn whether the CRM knows the module (Zoho answers {@code INVALID_MODULE} when it does not).
     *
     * @throws ZohoApiException
     *             Zoho's error answer, e.g. INVALID_MODULE, NO_PERMISSION, OAUTH_SCOPE_MISMATCH or a 5xx
     */
    public void firstRecord(String module) throws Exception {
        String path = recordsPath(module);
        HttpExecutor.Response response = executor.execute(ApiRequest.get(path, "fields=id&per_page=1").onlyOnce());
        if (!response.isSuccess()) {
            throw ZohoApiException.answered(response.status(), HttpExecutor.ZohoError.of(response.body(), new byte[0]), "GET",
                    path, 1, null);
        }
    }

    static String withWatchFields(String fields) {
        String base = fields == null || fields.isBlank() ? ZohoAttachmentsClient.DEFAULT_FIELDS : fields;
        StringBuilder all = new StringBuilder(base);
        List<String> present = List.of(base.replace(" ", "").split(","));
        for (String needed : WATCH_FIELDS.split(",")) {
            if (!present.contains(needed)) {
                all.append(',').append(needed);
            }
        }
        return all.toString();
    }

    private static String ifModifiedSince(OffsetDateTime modifiedSince) {
        return modifiedSince == null ? null : IF_MODIFIED_SINCE.format(modifiedSince);
    }
}
