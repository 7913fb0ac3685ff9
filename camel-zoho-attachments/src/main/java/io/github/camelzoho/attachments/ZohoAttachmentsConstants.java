package io.github.camelzoho.attachments;

import org.apache.camel.spi.Metadata;

/** The message headers the component reads and writes. */
public final class ZohoAttachmentsConstants {

    @Metadata(label = "producer consumer", description = "The module API name, e.g. Leads. Overrides the module option.", javaType = "String")
    public static final String MODULE = "CamelZohoModule";

    @Metadata(label = "producer consumer", description = "The parent record id (digits only). Overrides the recordId option; the consumer sets it.", javaType = "String")
    public static final String RECORD_ID = "CamelZohoRecordId";

    @Metadata(label = "producer consumer", description = "delete: one attachment id, or comma-separated ids for one bulk request; download: the attachment to fetch. Overrides the attachmentId option; the consumer sets it, and upload sets it to the new attachment's id.", javaType = "String")
    public static final String ATTACHMENT_ID = "CamelZohoAttachmentId";

    @Metadata(label = "producer", description = "list: comma-separated field API names to ask for. Overrides the fields option.", javaType = "String")
    public static final String FIELDS = "CamelZohoFields";

    @Metadata(label = "producer", description = "download sets it to the file name Zoho sent, as is (CamelFileName gets a name safe to write with the file component). upload: the name Zoho shows for the file; without it, the last part of CamelFileName, then CamelFileNameOnly, then the name of a File or Path body.", javaType = "String")
    public static final String FILE_NAME = "CamelZohoFileName";

    @Metadata(label = "producer", description = "upload: attach this link (an http or https URL) instead of the body. Overrides the attachmentUrl option.", javaType = "String")
    public static final String ATTACHMENT_URL = "CamelZohoAttachmentUrl";

    @Metadata(label = "producer", description = "upload: the title of a link attachment. Overrides the title option.", javaType = "String")
    public static final String TITLE = "CamelZohoTitle";

    private ZohoAttachmentsConstants() {
    }
}
