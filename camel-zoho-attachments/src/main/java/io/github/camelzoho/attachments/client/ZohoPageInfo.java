package io.github.camelzoho.attachments.client;

/**
 * Zoho's {@code info} for one page of a listing.
 *
 * @param page
 *            the page number Zoho reports (1-based)
 * @param perPage
 *            the page size
 * @param count
 *            items on this page
 * @param moreRecords
 *            whether another page follows
 * @param nextPageToken
 *            the token for the next page, or null (Zoho gives one to page past 2,000 records)
 */
public record ZohoPageInfo(int page, int perPage, int count, boolean moreRecords, String nextPageToken) {

    /** What a 204 (no attachments) amounts to. */
    public static final ZohoPageInfo EMPTY = new ZohoPageInfo(1, 0, 0, false, null);
}
