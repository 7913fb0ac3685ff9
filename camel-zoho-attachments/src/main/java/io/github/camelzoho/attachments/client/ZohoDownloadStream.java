package io.github.camelzoho.attachments.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>
 * {@link #spoolUnreadRest(long, Path)} keeps the content readable after its connection was given back: what is left is read
 * into memory up to a threshold, beyond it into a temporary file (owner-only, deleted when the stream is read to its end,
 * closed, or no longer referenced).
 */
public final class ZohoDownloadStream extends InputStream {

    /** For single-byte reads, so they allocate nothing (a stream is read by one thread at a time). */
    private final byte[] single = new byte[1];

    private static final Cleaner TEMP_FILES = Cleaner.create();

    private final HttpExecutor.OpenResponse response;
    private final InputStream content;
    /** After {@link #spoolUnreadRest}: the rest of the content, from memory or a temporary file; null before. */
    private volatile InputStream spooled;
    private Cleaner.Cleanable spoolFile;
    private volatile boolean closedByCaller;
    private final String path;
    private final String attachmentId;
    private final String fileName;
    private final String contentType;
    private final long contentLength;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long received;
    private boolean ended;

    ZohoDownloadStream(HttpExecutor.OpenResponse response, String path, String attachmentId) throws IOException {
        this.response = response;
        this.path = path;
        this.attachmentId = attachmentId;
        this.fileName = ContentDisposition.fileName(response.header("Content-Disposition"));
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
        InputStream rest = spooled;
        if (rest != null) {
            if (closedByCaller) {
                throw new IOException("The download of " + path + " was closed after " + received + " bytes");
            }
            int n = rest.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
                releaseSpool();
                return -1;
            }
            received += n;
            return n;
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
        InputStream rest = spooled;
        if (rest != null) {
            return ended ? 0 : rest.available();
        }
        return ended || closed.get() ? 0 : content.available();
    }

    /**
     * Reads what the caller has not read yet off the connection, so that the connection and the request slot go back now while
     * the content stays readable from this stream: up to {@code memoryThreshold} bytes in memory, beyond that in a temporary
     * file in {@code directory} (null: the JVM's temporary directory). Does nothing once the stream was read to its end or
     * closed. A connection that breaks off while spooling makes the next {@code read} fail, as it would have without spooling.
     */
    public synchronized void spoolUnreadRest(long memoryThreshold, Path directory) {
        if (ended || spooled != null || closed.get()) {
            return;
        }
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path file = null;
        try {
            long copied = copy(content, memory, memoryThreshold + 1);
            if (copied > memoryThreshold) {
                file = directory == null
                        ? Files.createTempFile("zoho-download-", ".tmp")
                        : Files.createTempFile(directory, "zoho-download-", ".tmp");
                spoolFile = TEMP_FILES.register(this, new DeleteFile(file));
                try (OutputStream out = Files.newOutputStream(file)) {
                    memory.writeTo(out);
                    memory = null;
                    content.transferTo(out);
                }
                spooled = Files.newInputStream(file);
            } else {
                spooled = new ByteArrayInputStream(memory.toByteArray());
            }
            closed.set(true);
            response.close();
        } catch (IOException e) {
            closeEarly();
            releaseSpool();
            IOException failure = new IOException("GET " + path + " broke off after " + received + " bytes"
                    + (contentLength >= 0 ? " of " + contentLength : "")
                    + " while its unread rest was kept for later: "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
            spooled = new InputStream() {

                @Override
                public int read() throws IOException {
                    throw failure;
                }
            };
        }
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long copied = 0;
        while (copied < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    /** Gives back the connection and the request slot; before the end, the connection is dropped rather than drained. */
    @Override
    public void close() {
        closedByCaller = true;
        if (!ended) {
            closeEarly();
        }
        releaseSpool();
    }

    private synchronized void releaseSpool() {
        InputStream rest = spooled;
        if (rest != null) {
            try {
                rest.close();
            } catch (IOException e) {
                // a file input stream that cannot close leaves nothing to clean beyond the file, deleted below
            }
        }
        if (spoolFile != null) {
            spoolFile.clean();
            spoolFile = null;
        }
    }

    /** Deletes a spool file; runs once, on close or when the stream is no longer referenced. */
    private record DeleteFile(Path file) implements Runnable {

        @Override
        public void run() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
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
