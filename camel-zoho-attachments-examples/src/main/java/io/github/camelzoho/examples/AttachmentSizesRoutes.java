package io.github.camelzoho.examples;

import java.util.List;

import io.github.camelzoho.attachments.ZohoAttachmentsConstants;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Java DSL example: on demand, list the attachments of some records and add up their sizes per record.
 * <p>
 * Send the record ids (comma-separated) to {@value #ENDPOINT}; the reply is an {@link AttachmentSizeReport} with one line per
 * record, in the order asked. The module is {@code zoho.module} (application.properties).
 *
 * <pre>
 * AttachmentSizeReport report = template.requestBody(AttachmentSizesRoutes.ENDPOINT, "4876876000000376008,4876876000000376010",
 *         AttachmentSizeReport.class);
 * </pre>
 */
public class AttachmentSizesRoutes extends RouteBuilder {

    /** Where to send the record ids. */
    public static final String ENDPOINT = "direct:attachment-sizes";

    @Override
    public void configure() {
        // @formatter:off
        from(ENDPOINT).routeId("attachment-sizes")
                // One list call per record; each call reads every page. The component keeps the calls within Zoho's
                // concurrency limit, so .parallelProcessing() could be added safely for many records.
                .split(body().tokenize(","), new AddToReport())
                    .setHeader(ZohoAttachmentsConstants.RECORD_ID, simple("${body.trim()}"))
                    .to("zoho-attachments:list?module={{zoho.module}}")
                    .process(AttachmentSizesRoutes::sumSizes)
                .end()
                .log("Attachment sizes per {{zoho.module}} record:\n${body}");
        // @formatter:on
    }

    /** The body, a {@code List<ZohoAttachment>}, becomes the record's totals. */
    private static void sumSizes(Exchange exchange) {
        List<?> attachments = exchange.getMessage().getBody(List.class);
        int count = 0;
        long bytes = 0;
        for (Object item : attachments) {
            ZohoAttachment attachment = (ZohoAttachment) item;
            count++;
            // A link attachment has no size.
            bytes += attachment.getSize() == null ? 0 : attachment.getSize();
        }
        String recordId = exchange.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID, String.class);
        exchange.getMessage().setBody(new AttachmentSizeReport.RecordSizes(recordId, count, bytes));
    }

    /** Collects each record's totals into one report, in the order of the split. */
    private static final class AddToReport implements AggregationStrategy {

        @Override
        public Exchange aggregate(Exchange report, Exchange record) {
            Exchange target = report != null ? report : record;
            AttachmentSizeReport sizes = report != null
                    ? report.getMessage().getBody(AttachmentSizeReport.class)
                    : new AttachmentSizeReport();
            sizes.add(record.getMessage().getBody(AttachmentSizeReport.RecordSizes.class));
            target.getMessage().setBody(sizes);
            return target;
        }
    }
}
