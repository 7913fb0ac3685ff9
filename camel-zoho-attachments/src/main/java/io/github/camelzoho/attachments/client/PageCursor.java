package io.github.camelzoho.attachments.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Where the next page of a Zoho listing is: the page token whenever Zoho gives a {@code next_page_token} (the only way past
 * 2,000 records), else the next page number; never both in one request. Refuses the answers that would make a listing loop
 * forever. One instance per listing.
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

    private static ZohoApiException loop(int status, String path, String message) {
        return ZohoApiException.unexpectedAnswer(status, null, message, "GET", path, null);
    }
}
