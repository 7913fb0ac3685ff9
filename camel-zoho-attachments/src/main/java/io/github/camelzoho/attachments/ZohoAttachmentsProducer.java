package io.github.camelzoho.attachments;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;

import io.github.camelzoho.attachments.client.ZohoDownloadStream;
import io.github.camelzoho.attachments.client.ZohoRecordPath;
import io.github.camelzoho.attachments.client.ZohoUploadResult;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.StreamCachingStrategy;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.SynchronizationAdapter;

import static io.github.camelzoho.attachments.ZohoAttachmentsConstants.ATTACHMENT_ID;
import static io.github.camelzoho.attachments.ZohoAttachmentsConstants.ATTACHMENT_URL;
import static io.github.camelzoho.attachments.ZohoAttachmentsConstants.FIELDS;
import static io.github.camelzoho.attachments.ZohoAttachmentsConstants.MODULE;
import static io.github.camelzoho.attachments.ZohoAttachmentsConstants.RECORD_ID;
import static io.github.camelzoho.attachments.ZohoAttachmentsConstants.TITLE;

/**
 * Runs the endpoint's operation for each exchange. Per-call values come from headers first, then from the endpoint's options.
 * The options were checked once when the endpoint started; here only the headers that are set are checked, naming the header,
 * so each value is checked once before any request is sent.
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
        ZohoRecordPath record = headerOr(exchange, MODULE, "module", endpoint.checked().recordPath(),
                endpoint.checked().recordPath()::withModule);
        record = headerOr(exchange, RECORD_ID, "recordId", record.recordId() == null ? null : record, record::withRecordId);
        switch (endpoint.getOperation()) {
            case list -> exchange.getMessage().setBody(endpoint.getClient().listAttachments(record,
                    headerOr(exchange, FIELDS, "fields", endpoint.getConfiguration().getFields(), InputValidator::fields),
                    endpoint.getConfiguration().getPerPage()));
            case delete -> exchange.getMessage().setBody(endpoint.getClient().deleteAttachments(record,
                    headerOr(exchange, ATTACHMENT_ID, "attachmentId", endpoint.checked().attachmentIds(),
                            InputValidator::attachmentIds)));
            case download -> download(exchange, record);
            case upload -> upload(exchange, record);
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
    private void download(Exchange exchange, ZohoRecordPath record) throws IOException {
        List<String> optionId = getEndpoint().checked().attachmentIds();
        String attachmentId = headerOr(exchange, ATTACHMENT_ID, "attachmentId", optionId == null ? null : optionId.get(0),
                InputValidator::attachmentId);
        ZohoDownloadStream content = getEndpoint().getClient().downloadAttachment(record, attachmentId);
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
        message.setHeader(MODULE, record.module());
        message.setHeader(RECORD_ID, record.recordId());
        message.setHeader(ATTACHMENT_ID, attachmentId);
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
    private void upload(Exchange exchange, ZohoRecordPath record) throws IOException {
        ZohoAttachmentsConfiguration config = getEndpoint().getConfiguration();
        Message message = exchange.getMessage();
        String url = message.getHeader(ATTACHMENT_URL, String.class);
        String title = message.getHeader(TITLE, String.class);
        ZohoUploadResult result;
        if (url != null && !url.isBlank() || url == null && config.getAttachmentUrl() != null) {
            result = getEndpoint().getClient().uploadLink(record,
                    url != null ? InputValidator.attachmentUrl("header " + ATTACHMENT_URL, url) : config.getAttachmentUrl(),
                    title != null ? InputValidator.title("header " + TITLE, title) : config.getTitle());
        } else {
            result = getEndpoint().getClient().uploadFile(record, ZohoUploadBodies.content(exchange),
                    config.getMaxUploadSize());
        }
        message.setBody(result);
        message.setHeader(ATTACHMENT_ID, result.getId());
    }

    private static void setOrRemove(Message message, String header, Object value) {
        if (value == null) {
            message.removeHeader(header);
        } else {
            message.setHeader(header, value);
        }
    }

    /**
     * The exchange's one pass over a header: when set, it is checked here naming it; when not, the endpoint's option (checked
     * once at start-up) is taken as it is. Neither set, or a blank header, is an error naming both.
     */
    private static <T> T headerOr(Exchange exchange, String header, String option, T optionValue,
            BiFunction<String, String, T> check) {
        String value = exchange.getMessage().getHeader(header, String.class);
        if (value == null && optionValue != null) {
            return optionValue;
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    option + " is required: set the " + option + " option or the " + header + " header");
        }
        return check.apply("header " + header, value);
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
