package io.github.camelzoho.attachments.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelzoho.attachments.client.internal.InputValidator;

/**
 * The file an upload sends: its name, its bytes and, where known, its length. A known length is checked against the upload
 * limit before anything is sent; a stream of unknown length is counted while it is sent, and the request is aborted as soon as
 * it passes the limit. Byte arrays, files and re-openable streams can be sent again when Zoho refused a first attempt (429,
 * 503); a plain {@link InputStream} cannot once it has been read from.
 */
public final class ZohoUploadContent {

    /** Opens the content; the stream returned is closed once sent. */
    @FunctionalInterface
    public interface Opener {

        InputStream open() throws IOException;
    }

    private static final int BUFFER = 64 * 1024;

    private final String fileName;
    private final long length;
    private final boolean repeatable;
    private final Opener opener;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile long bytesSent;

    private ZohoUploadContent(String fileName, long length, boolean repeatable, Opener opener) {
        this.fileName = InputValidator.fileName("fileName", fileName);
        this.length = length;
        this.repeatable = repeatable;
        this.opener = opener;
    }

    /** A byte array: known length, can be sent again. */
    public static ZohoUploadContent ofBytes(String fileName, byte[] bytes) {
        byte[] content = bytes == null ? new byte[0] : bytes;
        return new ZohoUploadContent(fileName, content.length, true, () -> new ByteArrayInputStream(content));
    }

    /**
     * A file: its size is read now (so an oversized file is refused before anything is sent), and it is opened when sent, so it
     * can be sent again.
     *
     * @throws IllegalArgumentException
     *             when the path is not a readable regular file
     */
    public static ZohoUploadContent ofPath(String fileName, Path path) {
        if (path == null || !Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("Cannot upload " + path + ": not a readable regular file");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot upload " + path + ": " + e.getMessage(), e);
        }
        return new ZohoUploadContent(fileName, size, true, () -> Files.newInputStream(path));
    }

    /**
     * A stream read once: it cannot be sent again once read from, so an upload refused by Zoho after the body went out is not
     * retried. The stream is closed once sent.
     *
     * @param length
     *            the exact number of bytes it holds, or -1 when unknown (then it is sent chunked and counted)
     */
    public static ZohoUploadContent ofStream(String fileName, InputStream in, long length) {
        if (in == null) {
            throw new IllegalArgumentException("Cannot upload '" + fileName + "': no stream");
        }
        return new ZohoUploadContent(fileName, length < 0 ? -1 : length, false, () -> in);
    }

    /**
     * A stream that can be opened again from its start for each attempt (e.g. a cached stream that is reset).
     *
     * @param length
     *            the exact number of bytes, or -1 when unknown
     */
    public static ZohoUploadContent ofRepeatableStream(String fileName, Opener opener, long length) {
        return new ZohoUploadContent(fileName, length < 0 ? -1 : length, true, opener);
    }

    /** The file name Zoho will show. */
    public String getFileName() {
        return fileName;
    }

    /** The length in bytes, or -1 when unknown until sent. */
    public long getLength() {
        return length;
    }

    /** The bytes written by the last attempt. */
    long bytesSent() {
        return bytesSent;
    }

    /** Whether the content can be sent now: always when repeatable, else only while the stream is untouched. */
    boolean canSend() {
        return repeatable || !opened.get();
    }

    /**
     * Copies the content to {@code out}, failing with {@link LimitExceededException} before more than {@code limit} bytes are
     * written, and with an IOException when a known length turns out wrong.
     */
    void writeTo(OutputStream out, long limit) throws IOException {
        if (!repeatable && !opened.compareAndSet(false, true)) {
            throw new IOException("The stream of '" + fileName + "' was already sent once and cannot be read again");
        }
        long total = 0;
        try (InputStream in = opener.open()) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    throw new LimitExceededException("Upload of '" + fileName + "' stopped after more than " + limit
                            + " bytes: above maxUploadSize (" + limit
                            + " bytes); the request was aborted, so Zoho does not store it");
                }
                if (length >= 0 && total > length) {
                    throw new IOException("'" + fileName + "' grew while it was being uploaded: more than the " + length
                            + " bytes announced");
                }
                out.write(buffer, 0, n);
            }
        } finally {
            bytesSent = total;
        }
        if (length >= 0 && total != length) {
            throw new IOException("'" + fileName + "' ended after " + total + " of the " + length + " bytes announced");
        }
    }

    /** The content passed the upload limit while it was being sent. */
    static final class LimitExceededException extends IOException {

        LimitExceededException(String message) {
            super(message);
        }
    }

    /** The {@link LimitExceededException} in a cause chain, or null. */
    static LimitExceededException limitExceeded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LimitExceededException exceeded) {
                return exceeded;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "'" + fileName + "' (" + (length < 0 ? "length unknown" : length + " bytes") + ")";
    }
}
