package io.github.camelzoho.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;

/**
 * Archives each new attachment of the records in {@code zoho.record-ids}: the consumer emits every new attachment once, the
 * download operation streams a file's content, {@link AttachmentArchive} writes it. Links have no content and are only logged.
 * The component's credentials and limits are set once, in application.properties.
 */
@ApplicationScoped // a CDI bean, so that the archive can be injected (a plain RouteBuilder is created without CDI)
public class ArchiveRoutes extends RouteBuilder {

    @Inject
    AttachmentArchive archive;

    @Override
    public void configure() {
        // every poll lists every page of every record and costs Zoho API credits: poll as often as you need, no more
        from("zoho-attachments:list?module={{zoho.module}}&recordId={{zoho.record-ids}}&delay={{zoho.poll-delay}}")
                .routeId("archive-new-attachments")
                .choice()
                .when(simple("${body.linkUrl} != null"))
                .log("New link ${body.fileName} on record ${header.CamelZohoRecordId}: ${body.linkUrl}")
                .otherwise()
                .setProperty("attachment", body())
                // the consumer's headers name the attachment; the body becomes a stream of its content
                .to("zoho-attachments:download?module={{zoho.module}}")
                .bean(archive, "store")
                .log("Archived ${exchangeProperty.attachment.fileName} (${exchangeProperty.attachment.size} bytes, id"
                        + " ${header.CamelZohoAttachmentId}) of record ${header.CamelZohoRecordId} as ${body}");
    }
}
