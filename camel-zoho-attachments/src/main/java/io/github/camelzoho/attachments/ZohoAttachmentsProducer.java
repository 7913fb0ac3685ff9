package io.github.camelzoho.attachments;

import java.util.List;

import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoDeleteResult;
import io.github.camelzoho.attachments.client.ZohoInput;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs the endpoint's operation for each exchange. Per-call values come from headers first, then from the endpoint's options,
 * and are validated (naming the header or option at fault) before any request is sent.
 */
public class ZohoAttachmentsProducer extends DefaultProducer {

    public ZohoAttachmentsProducer(ZohoAttachmentsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ZohoAttachmentsEndpoint getEndpoint() {
        return (ZohoAttachmentsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ZohoAttachmentsEndpoint endpoint = getEndpoint();
        ZohoAttachmentsConfiguration config = endpoint.getConfiguration();
        String module = ZohoInput.module(source(exchange, ZohoAttachmentsConstants.MODULE, "module"),
                value(exchange, ZohoAttachmentsConstants.MODULE, config.getModule(), "module"));
        String recordId = ZohoInput.recordId(source(exchange, ZohoAttachmentsConstants.RECORD_ID, "recordId"),
                value(exchange, ZohoAttachmentsConstants.RECORD_ID, config.getRecordId(), "recordId"));
        switch (endpoint.getOperation()) {
            case list -> {
                String fields = ZohoInput.fields(source(exchange, ZohoAttachmentsConstants.FIELDS, "fields"),
                        value(exchange, ZohoAttachmentsConstants.FIELDS, config.getFields(), "fields"));
                List<ZohoAttachment> attachments = endpoint.getClient().listAttachments(module, recordId, fields,
                        config.getPerPage());
                exchange.getMessage().setBody(attachments);
            }
            case delete -> {
                List<String> ids = ZohoInput.attachmentIds(
                        source(exchange, ZohoAttachmentsConstants.ATTACHMENT_ID, "attachmentId"),
                        value(exchange, ZohoAttachmentsConstants.ATTACHMENT_ID, config.getAttachmentId(), "attachmentId"));
                List<ZohoDeleteResult> results = endpoint.getClient().deleteAttachments(module, recordId, ids);
                exchange.getMessage().setBody(results);
            }
            default -> throw new IllegalStateException("Unsupported operation " + endpoint.getOperation());
        }
    }

    /** Where a value came from, for error messages: the header when it is set, else the option. */
    private static String source(Exchange exchange, String header, String option) {
        return exchange.getMessage().getHeader(header) != null ? "header " + header : option;
    }

    /** The header's value when set, else the option's; neither is an error naming both. */
    private static String value(Exchange exchange, String header, String optionValue, String option) {
        String fromHeader = exchange.getMessage().getHeader(header, String.class);
        String value = fromHeader != null ? fromHeader : optionValue;
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    option + " is required: set the " + option + " option or the " + header + " header");
        }
        return value;
    }
}
