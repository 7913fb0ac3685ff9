package io.github.camelzoho.attachments.testserver;

/**
 * When the attachment listing hands out {@code next_page_token}. Zoho documents page tokens for record listings beyond 2,000
 * records but it is unconfirmed whether and when the Attachments listing gives them, so a client should be tested against each
 * mode.
 */
public enum PageTokenMode {

    /** A {@code next_page_token} whenever {@code more_records} is true (the default). */
    ALWAYS,

    /** A {@code next_page_token} only when the next page would reach beyond the 2,000th record. */
    PAST_2000,

    /** Never a token: paging by {@code page} only, so only the first 2,000 records can be reached. */
    NEVER
}
