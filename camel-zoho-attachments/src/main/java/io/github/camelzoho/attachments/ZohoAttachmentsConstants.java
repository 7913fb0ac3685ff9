package io.github.camelzoho.attachments;

import org.apache.camel.spi.Metadata;

/** The message headers the component reads and writes. */
public final class ZohoAttachmentsConstants {

    @Metadata(label = "producer consumer", description = "The module API name, e.g. Leads. Overrides the module option.", javaType = "String")
    public static final String MODULE = "CamelZohoModule";

    @Metadata(label = "producer consumer", description = "The parent record id (digits only). Overrides the recordId option; the consumer sets it.", javaType = "String")
    public static final String RECORD_ID = "CamelZohoRecordId";

    @Metadata(label = "producer consumer", description = "delete: one attachment id, or comma-separated ids for one bulk request. Overrides the attachmentId option; the consumer sets it.", javaType = "String")
    public static final String ATTACHMENT_ID = "CamelZohoAttachmentId";

    @Metadata(label = "producer", description = "list: comma-separated field API names to ask for. Overrides the fields option.", javaType = "String")
    public static final String FIELDS = "CamelZohoFields";

    private ZohoAttachmentsConstants() {
    }
}
