package io.github.camelzoho.attachments.client;

/**
 * A download named an attachment the record does not have: Zoho answers such a download with HTTP 204 and no content, which
 * must never be taken for an empty file. {@link #getCode()} is null (Zoho sends none); {@link #getAttachmentId()} names it.
 */
public class ZohoAttachmentNotFoundException extends ZohoApiException {

    private final String attachmentId;

    public ZohoAttachmentNotFoundException(String module, String recordId, String attachmentId, String path) {
        super("Zoho CRM has no attachment " + attachmentId + " on " + module + " record " + recordId + ": GET " + path
                + " answered HTTP 204 without content", 204, null, null, null, "GET", path, 1, null);
        this.attachmentId = attachmentId;
    }

    /** The attachment id that was asked for. */
    public String getAttachmentId() {
        return attachmentId;
    }
}
