package io.github.camelzoho.examples.springboot;

import io.github.camelzoho.attachments.ZohoAttachmentsConstants;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Once at start-up, lists every attachment (all pages) of each record in {@code zoho.record-ids} with the producer and logs a
 * line per attachment. The component's credentials and limits come from application.properties.
 */
@Component
public class AttachmentReportRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:attachment-report?repeatCount=1").routeId("attachment-report")
                .setBody(simple("{{zoho.record-ids}}"))
                .split(body().tokenize(","))
                .setHeader(ZohoAttachmentsConstants.RECORD_ID, body())
                .to("zoho-attachments:list?module={{zoho.module}}")
                .log("{{zoho.module}} record ${header.CamelZohoRecordId} has ${body.size()} attachment(s)")
                .split(body())
                .log("  ${body.fileName} (${body.size} bytes, id ${body.id})");
    }
}
