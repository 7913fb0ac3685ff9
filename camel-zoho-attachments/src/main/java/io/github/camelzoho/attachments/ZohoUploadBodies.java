package io.github.camelzoho.attachments;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;

import io.github.camelzoho.attachments.client.ZohoDownloadStream;
import io.github.camelzoho.attachments.client.ZohoUploadContent;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;
import org.apache.camel.support.ExchangeHelper;

/**
 * Turns the body of an upload exchange into the content to send, and finds the name Zoho will show. Files, paths, byte arrays
 * and strings have a known length (checked against the limit before sending) and can be sent again after a 429 or 503; a stream
 * cache is reset for each attempt; a plain stream is sent once, counted as it goes.
 */
final class ZohoUploadBodies {

    private static final String ACCEPTED = "send a File, Path, byte[], InputStream or String, or a file from the file"
            + " component, or set attachmentUrl to attach a link";

    private ZohoUploadBodies() {
    }

    static ZohoUploadContent content(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body == null) {
            throw new IllegalArgumentException("Nothing to upload: the body is empty; " + ACCEPTED);
        }
        if (body instanceof WrappedFile<?> wrapped) {
            // a GenericFile from the file component: its java.io.File, else what a remote file component loaded
            Object file = wrapped.getFile();
            body = file instanceof File || file instanceof Path ? file : wrapped.getBody();
            if (body == null) {
                body = message.getBody(InputStream.class);
            }
        }
        String name = fileName(message, body);
        if (body instanceof byte[] bytes) {
            return ZohoUploadContent.ofBytes(name, bytes);
        }
        if (body instanceof String text) {
            return ZohoUploadContent.ofBytes(name, text.getBytes(Charset.forName(ExchangeHelper.getCharsetName(exchange))));
        }
        if (body instanceof File file) {
            return ZohoUploadContent.ofPath(name, file.toPath());
        }
        if (body instanceof Path path) {
            return ZohoUploadContent.ofPath(name, path);
        }
        if (body instanceof StreamCache cache && body instanceof InputStream stream) {
            // reset to its start for every attempt, so a refused upload can be sent again
            long length = cache.length();
            return ZohoUploadContent.ofRepeatableStream(name, () -> {
                cache.reset();
                return stream;
            }, length > 0 ? length : -1);
        }
        if (body instanceof ZohoDownloadStream download && download.getBytesRead() == 0) {
            // an attachment copied from another record: Zoho announced its length
            return ZohoUploadContent.ofStream(name, download, download.getContentLength());
        }
        if (body instanceof InputStream stream) {
            return ZohoUploadContent.ofStream(name, stream, -1);
        }
        InputStream converted = exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, body);
        if (converted == null) {
            throw new IllegalArgumentException(
                    "Cannot upload a body of type " + body.getClass().getName() + ": " + ACCEPTED);
        }
        return ZohoUploadContent.ofStream(name, converted, -1);
    }

    /**
     * Header CamelZohoFileName, else the last part of CamelFileName (the file component's relative path), else
     * CamelFileNameOnly, else the name of a File or Path body.
     */
    private static String fileName(Message message, Object body) {
        String zoho = message.getHeader(ZohoAttachmentsConstants.FILE_NAME, String.class);
        if (zoho != null) {
            return InputValidator.fileName("header " + ZohoAttachmentsConstants.FILE_NAME, zoho);
        }
        String camel = message.getHeader(Exchange.FILE_NAME, String.class);
        if (camel != null) {
            String last = camel.substring(Math.max(camel.lastIndexOf('/'), camel.lastIndexOf('\\')) + 1);
            if (last.isBlank()) {
                throw InputValidator.invalid("header " + Exchange.FILE_NAME, camel, "names a directory, not a file");
            }
            return InputValidator.fileName("header " + Exchange.FILE_NAME, last);
        }
        String only = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (only != null) {
            return InputValidator.fileName("header " + Exchange.FILE_NAME_ONLY, only);
        }
        Path own = body instanceof File file ? file.toPath() : body instanceof Path path ? path : null;
        if (own != null && own.getFileName() != null) {
            return InputValidator.fileName("the body's file name", own.getFileName().toString());
        }
        throw new IllegalArgumentException("The file name is required: set the " + ZohoAttachmentsConstants.FILE_NAME
                + " header (or " + Exchange.FILE_NAME + ") to the name Zoho should show; a body of type "
                + body.getClass().getSimpleName() + " has no name of its own");
    }
}
