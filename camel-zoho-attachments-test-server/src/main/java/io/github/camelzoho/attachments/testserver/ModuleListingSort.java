package io.github.camelzoho.attachments.testserver;

/**
 * What the module-level attachment listing ({@code GET /crm/v8/Attachments}) does with {@code sort_by} and {@code sort_order}.
 * Zoho's record listings document both; whether this listing honours them is unconfirmed, so a client must be tested against
 * each.
 */
public enum ModuleListingSort {

    /** Sorted as asked ({@code sort_by} id, Created_Time or Modified_Time; {@code sort_order} asc or desc): the default. */
    HONOURED,

    /** Accepted and ignored: the listing comes in its {@link ModuleListingOrder} whatever is asked. */
    IGNORED,

    /** Refused: 400 INVALID_DATA naming the parameter, as Zoho answers a parameter it does not know. */
    REJECTED
}
