package io.github.camelzoho.attachments;

import java.io.File;
import java.io.IOException;
import java.util.List;

import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoDeleteResult;
import io.github.camelzoho.attachments.client.ZohoDownloadStream;
import io.github.camelzoho.attachments.client.ZohoInput;
import io.github.camelzoho.attachments.client.ZohoUploadResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.StreamCachingStrategy;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Runs the endpoint's operation for each exchange. Per-call values come from headers first, then from the endpoint's options,
 * and are validated (naming the header or option at fault) before any request is sent.
 */
public class ZohoAttachmentsProducer extends DefaultProducer {

    /** Unread download content up to this size is kept in memory when the exchange completes, the rest in a file. */
    private static final long DEFAULT_SPOOL_THRESHOLD = 128 * 1024;

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
            case download -> download(exchange, module, recordId);
            case upload -> upload(exchange, module, recordId);
            default -> throw new IllegalStateException("Unsupported operation " + endpoint.getOperation());
        }
    }

    /**
     * The body becomes the attachment's content as a stream read from Zoho as the route reads it. The stream holds a connection
     * and a request slot: it gives them back when read to its end or closed, and at the latest when the exchange completes, so
     * a route that never reads the body leaks nothing. What is still unread then is kept for a caller that reads the body
     * afterwards: in memory up to Camel's stream caching spool threshold, in a temporary file beyond it. Stream caching is
     * turned off for the rest of the exchange, so the file is never held in memory unless the route converts it.
     */
    private void download(Exchange exchange, String module, String recordId) throws IOException {
        ZohoAttachmentsConfiguration config = getEndpoint().getConfiguration();
        String attachmentId = ZohoInput.attachmentId(
                source(exchange, ZohoAttachmentsConstants.ATTACHMENT_ID, "attachmentId"),
                value(exchange, ZohoAttachmentsConstants.ATTACHMENT_ID, config.getAttachmentId(), "attachmentId"));
        ZohoDownloadStream content = getEndpoint().getClient().downloadAttachment(module, recordId, attachmentId);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {

            @Override
            public void onComplete(Exchange done) {
                // a caller may read the body after the exchange completed (a ProducerTemplate): the unread rest is kept
                // (in memory up to the stream caching threshold, beyond it in a temporary file) and the connection and
                // the request slot go back now
                StreamCachingStrategy caching = done.getContext().getStreamCachingStrategy();
                File directory = caching.getSpoolDirectory();
                content.spoolUnreadRest(caching.getSpoolThreshold() > 0 ? caching.getSpoolThreshold() : DEFAULT_SPOOL_THRESHOLD,
                        directory != null && directory.isDirectory() ? directory.toPath() : null);
            }

            @Override
            public void onFailure(Exchange done) {
                content.close();
            }
        });
        // Camel's stream caching would read the whole file into memory (or spool it) before the next step: keep it a stream
        exchange.getExchangeExtension().setStreamCacheDisabled(true);
        Message message = exchange.getMessage();
        message.setBody(content);
        message.setHeader(ZohoAttachmentsConstants.MODULE, module);
        message.setHeader(ZohoAttachmentsConstants.RECORD_ID, recordId);
        message.setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, attachmentId);
        setOrRemove(message, ZohoAttachmentsConstants.FILE_NAME, content.getFileName());
        // the file component writes CamelFileName below its directory: never a path that could leave it
        message.setHeader(Exchange.FILE_NAME, localFileName(content.getFileName(), attachmentId));
        setOrRemove(message, Exchange.CONTENT_TYPE, content.getContentType());
        setOrRemove(message, Exchange.CONTENT_LENGTH, content.getContentLength() < 0 ? null : content.getContentLength());
    }

    /**
     * Uploads the body as a file, or attaches the link of attachmentUrl. The body becomes the new attachment
     * ({@link ZohoUploadResult}) and CamelZohoAttachmentId its id.
     */
    private void upload(Exchange exchange, String module, String recordId) throws IOException {
        ZohoAttachmentsConfiguration config = getEndpoint().getConfiguration();
        Message message = exchange.getMessage();
        String urlHeader = message.getHeader(ZohoAttachmentsConstants.ATTACHMENT_URL, String.class);
        String url = urlHeader != null ? urlHeader : config.getAttachmentUrl();
        ZohoUploadResult result;
        if (url != null && !url.isBlank()) {
            String checkedUrl = ZohoInput.attachmentUrl(source(exchange, ZohoAttachmentsConstants.ATTACHMENT_URL,
                    "attachmentUrl"), url);
            String titleHeader = message.getHeader(ZohoAttachmentsConstants.TITLE, String.class);
            String title = ZohoInput.title(source(exchange, ZohoAttachmentsConstants.TITLE, "title"),
                    titleHeader != null ? titleHeader : config.getTitle());
            result = getEndpoint().getClient().uploadLink(module, recordId, checkedUrl, title);
        } else {
            result = getEndpoint().getClient().uploadFile(module, recordId, ZohoUploadBodies.content(exchange),
                    config.getMaxUploadSize());
        }
        message.setBody(result);
        message.setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, result.getId());
    }

    private static void setOrRemove(Message message, String header, Object value) {
        if (value == null) {
            message.removeHeader(header);
        } else {
            message.setHeader(header, value);
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

    /**
     * A name the file component can write in its directory without leaving it: the last segment of {@code name} (a name with
     * {@code /} or {@code \} could otherwise climb out with {@code ..}), control characters replaced by {@code _}. When nothing
     * usable is left, {@code fallback}.
     */
    static String localFileName(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder(last.length());
        last.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '_' : c));
        String result = safe.toString().strip();
        return result.isEmpty() || result.equals(".") || result.equals("..") ? fallback : result;
    }
}
