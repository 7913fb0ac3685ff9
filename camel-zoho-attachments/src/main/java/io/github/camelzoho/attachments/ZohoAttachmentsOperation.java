package io.github.camelzoho.attachments;

/** What an endpoint does: the URI path, {@code zoho-attachments:OPERATION}. */
public enum ZohoAttachmentsOperation {
    /** List a record's attachments (all pages); as a consumer, emit each new attachment. */
    list,
    /** Delete one attachment, or several in one bulk request. */
    delete,
    /** Stream one attachment's content. */
    download,
    /** Upload a file, or attach a link, to a record. */
    upload
}
