package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The content of one attachment, streamed from Zoho as it is read: a large file never sits in memory. While open it holds an
 * HTTP connection and one of the requests allowed at once ({@code maxConcurrentRequests}); both are given back when the stream
 * is read to its end or closed, so always close it (try-with-resources). Closing it early drops the connection instead of
 * reading what Zoho still has to send.
 * <p>
 * The request was retried, if needed, before Zoho started sending content; a failure after that (a connection lost halfway) is
 * an {@link IOException} from {@code read}, never silently a shorter file: when Zoho announced the length, a body that ends
 * early is an error too.
 */
public final class ZohoDownloadStream extends InputStream {

    /** For single-byte reads, so they allocate nothing (a stream is read by one thread at a time). */
    private final byte[] single = new byte[1];

    private final ZohoHttpExecutor.OpenResponse response;
    private final InputStream content;
    private final String path;
    private final String attachmentId;
    private final String fileName;
    private final String contentType;
    private final long contentLength;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long received;
    private boolean ended;

    ZohoDownloadStream(ZohoHttpExecutor.OpenResponse response, String path, String attachmentId) throws IOException {
        this.response = response;
        this.path = path;
        this.attachmentId = attachmentId;
        this.fileName = ZohoFileNames.fromContentDisposition(response.header("Content-Disposition"));
        String type = response.header("Content-Type");
        this.contentType = type == null || type.isBlank() ? null : type;
        this.contentLength = response.contentLength();
        try {
            this.content = response.content();
        } catch (IOException | RuntimeException e) {
            response.abort();
            throw e;
        }
    }

    /** The attachment id asked for. */
    public String getAttachmentId() {
        return attachmentId;
    }

    /** The file name from Zoho's Content-Disposition header, decoded; null when Zoho sent none. */
    public String getFileName() {
        return fileName;
    }

    /** Zoho's Content-Type, or null when it sent none. */
    public String getContentType() {
        return contentType;
    }

    /** The length Zoho announced (Content-Length), or -1 when it did not. */
    public long getContentLength() {
        return contentLength;
    }

    /** The bytes read so far. */
    public long getBytesRead() {
        return received;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (closed.get()) {
            throw new IOException("The download of " + path + " was closed after " + received + " bytes");
        }
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            n = content.read(buffer, offset, length);
        } catch (IOException e) {
            closeEarly();
            throw new IOException("GET " + path + " broke off after " + received + " bytes"
                    + (contentLength >= 0 ? " of " + contentLength : "") + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (not retried: part of the content had already been read)",
                    e);
        }
        if (n < 0) {
            ended = true;
            if (closed.compareAndSet(false, true)) {
                response.close();
            }
            return -1;
        }
        received += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return ended || closed.get() ? 0 : content.available();
    }

    /** Gives back the connection and the request slot; before the end, the connection is dropped rather than drained. */
    @Override
    public void close() {
        if (!ended) {
            closeEarly();
        }
    }

    private void closeEarly() {
        if (closed.compareAndSet(false, true)) {
            response.abort();
        }
    }

    @Override
    public String toString() {
        return "ZohoDownloadStream[attachment " + attachmentId + ", " + (fileName == null ? "no file name" : fileName)
                + ", " + (contentLength < 0 ? "length unknown" : contentLength + " bytes") + "]";
    }
}
