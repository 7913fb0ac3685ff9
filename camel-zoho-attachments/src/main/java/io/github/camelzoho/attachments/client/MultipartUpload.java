package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.entity.mime.AbstractContentBody;
import org.apache.hc.client5.http.entity.mime.FormBodyPartBuilder;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The body of a file upload: {@code multipart/form-data} with one part {@code file}, streamed from the content as it is sent.
 * The part's file name is written the way browsers write it (UTF-8 in {@code filename="..."}), which is what servers parse most
 * reliably; HttpClient's own RFC 5987 form is not used.
 */
final class MultipartUpload implements HttpExecutor.RequestBody {

    private static final ContentType MULTIPART = ContentType.create("multipart/form-data", (Charset) null);

    private final ZohoUploadContent content;
    private final long limit;

    MultipartUpload(ZohoUploadContent content, long limit) {
        this.content = content;
        this.limit = limit;
    }

    @Override
    public HttpEntity entity() {
        return MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.LEGACY)
                .setCharset(StandardCharsets.UTF_8)
                .setContentType(MULTIPART)
                .addPart(FormBodyPartBuilder.create("file", new FilePart(content, limit))
                        .setField("Content-Disposition", "form-data; name=\"file\"; filename=\"" + quoted(content.getFileName())
                                + "\"")
                        .build())
                .build();
    }

    @Override
    public String whyNotAgain() {
        return content.canSend()
                ? null
                : "the file came from a stream that was already sent and cannot be read again; upload a File, Path or byte[]"
                        + " to allow retries";
    }

    private static String quoted(String fileName) {
        return fileName.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static ContentType contentTypeOf(String fileName) {
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
        try {
            return guessed == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.create(guessed);
        } catch (IllegalArgumentException e) {
            return ContentType.APPLICATION_OCTET_STREAM;
        }
    }

    /** The file's bytes, copied from the content when HttpClient writes the request. */
    private static final class FilePart extends AbstractContentBody {

        private final ZohoUploadContent content;
        private final long limit;

        FilePart(ZohoUploadContent content, long limit) {
            super(contentTypeOf(content.getFileName()));
            this.content = content;
            this.limit = limit;
        }

        @Override
        public String getFilename() {
            return content.getFileName();
        }

        @Override
        public long getContentLength() {
            return content.getLength();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            content.writeTo(out, limit);
        }
    }
}
