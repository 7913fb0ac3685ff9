package io.github.camelzoho.attachments.client;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.camelzoho.attachments.client.ZohoModuleListings.Walk;
import io.github.camelzoho.attachments.client.internal.InputValidator;

/**
 * Where the next page of a Zoho listing is: the page token whenever Zoho gives a {@code next_page_token} (the only way past
 * 2,000 records), else the next page number; never both in one request. Refuses the answers that would make a listing loop
 * forever. One instance per listing, which {@link #walk} sends: every listing of the client is walked here.
 */
final class PageCursor {

    private int page;
    private String pageToken;

    /** One page of a listing, bound straight to the model. */
    record Page<T>(List<T> data, JsonNode info) {

        /** The page read, or an empty last page when the answer had no body (a 204). */
        static <T> Page<T> orNone(Page<T> page) {
            return page != null ? page : new Page<>(null, null);
        }

        List<T> items() {
            return data == null ? List.of() : data;
        }

        /** Zoho's {@code info}, completed from the items where it says nothing. */
        ZohoPageInfo pageInfo() {
            JsonNode node = info == null ? MissingNode.getInstance() : info;
            String token = node.path("next_page_token").asText(null);
            return new ZohoPageInfo(node.path("page").asInt(1), node.path("per_page").asInt(items().size()),
                    node.path("count").asInt(items().size()), node.path("more_records").asBoolean(false),
                    token == null || token.isBlank() ? null : token);
        }
    }

    PageCursor(int firstPage, String firstPageToken) {
        this.page = firstPage;
        this.pageToken = firstPageToken;
    }

    /** Where this cursor points. */
    ZohoModuleListings.PageRef pageRef() {
        return new ZohoModuleListings.PageRef(page, pageToken);
    }

    /** The paging parameter of the next request. */
    String query() {
        return pageToken != null ? "page_token=" + Query.encode(pageToken) : "page=" + page;
    }

    /**
     * Moves past a page that said {@code more_records: true}.
     *
     * @throws ZohoApiException
     *             when following the answer would loop: an empty page, a token that repeats, a page without a token after one
     *             that had one
     */
    void advance(ZohoPageInfo info, int itemsOnPage, int status, String path) throws ZohoApiException {
        if (itemsOnPage == 0) {
            throw loop(status, path, "more_records is true on an empty page; stopping rather than looping");
        }
        if (info.nextPageToken() != null) {
            if (info.nextPageToken().equals(pageToken)) {
                throw loop(status, path, "next_page_token repeats the token just used; stopping rather than looping");
            }
            pageToken = info.nextPageToken();
        } else if (pageToken != null) {
            throw loop(status, path, "more_records is true but no next_page_token follows a page_token");
        } else {
            page++;
        }
    }

    @FunctionalInterface
    interface ItemsHandler<T> {

        boolean onPage(List<T> items, ZohoPageInfo info) throws Exception;
    }

    /** One page as Zoho answered it: the page (empty for a 204 or a 304), the status and Zoho's clock at the answer. */
    record Fetched<T>(Page<T> page, int status, OffsetDateTime serverTime) {

        boolean notModified() {
            return status == 304;
        }
    }

    /** Reads the page this cursor points at; with {@code ifModifiedSince}, a 304 is an answer (nothing newer). */
    <T> Fetched<T> read(HttpExecutor executor, String path, String baseQuery, String ifModifiedSince, int pageSize,
            ObjectReader reader) throws Exception {
        String query = baseQuery + "&per_page=" + pageSize + "&" + query();
        AtomicReference<Page<T>> read = new AtomicReference<>();
        HttpExecutor.Response response = executor.execute(ApiRequest.get(path, query).ifModifiedSince(ifModifiedSince)
                .readWith(body -> read.set(reader.readValue(body))));
        if (response.status() != 304 && !response.isSuccess()) {
            throw ZohoApiException.answered(response.status(), HttpExecutor.ZohoError.of(response.body(), new byte[0]), "GET",
                    path, 1, null);
        }
        return new Fetched<>(Page.orNone(read.get()), response.status(), httpDate(response.serverDate()));
    }

    /** Walks a listing page by page from here; with {@code ifModifiedSince}, a 304 ends the walk at once. */
    <T> Walk walk(HttpExecutor executor, String path, String baseQuery, String ifModifiedSince, int perPage,
            ObjectReader reader, ItemsHandler<T> handler) throws Exception {
        int pageSize = InputValidator.perPage("perPage", perPage);
        OffsetDateTime serverTime = null;
        int requests = 0;
        while (true) {
            Fetched<T> fetched = read(executor, path, baseQuery, ifModifiedSince, pageSize, reader);
            requests++;
            if (serverTime == null) {
                serverTime = fetched.serverTime();
            }
            if (fetched.notModified()) {
                return new Walk(requests, true, serverTime);
            }
            Page<T> page = fetched.page();
            ZohoPageInfo info = page.pageInfo();
            if (!handler.onPage(page.items(), info) || !info.moreRecords()) {
                return new Walk(requests, false, serverTime);
            }
            advance(info, page.items().size(), fetched.status(), path);
        }
    }

    /** An HTTP date ({@code Tue, 01 Dec 2026 20:30:00 GMT}), or null when absent or unreadable. */
    static OffsetDateTime httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ZohoApiException loop(int status, String path, String message) {
        return ZohoApiException.unexpectedAnswer(status, null, message, "GET", path, null);
    }
}
