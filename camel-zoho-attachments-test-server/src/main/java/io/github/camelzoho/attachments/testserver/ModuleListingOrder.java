package io.github.camelzoho.attachments.testserver;

/**
 * The order of the module-level attachment listing ({@code GET /crm/v8/Attachments}). Zoho documents none, so a client must be
 * tested against each.
 */
public enum ModuleListingOrder {

    /** Most recently created first (the default). */
    NEWEST_FIRST,

    /** Oldest first. */
    OLDEST_FIRST,

    /** By attachment id, ascending, whatever the creation times. */
    BY_ID
}
