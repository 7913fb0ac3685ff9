package io.github.camelzoho.attachments.testserver;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Receives an uploaded file: counts and hashes every byte, keeps the bytes only up to a threshold, and past the upload limit
 * just counts, so an upload of any size costs bounded memory.
 */
final class UploadSink extends OutputStream {

    private final long limit;
    private final int keepLimit;
    private final MessageDigest digest = GeneratedContent.newSha256();
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long size;

    UploadSink(long limit, int keepLimit) {
        this.limit = limit;
        this.keepLimit = keepLimit;
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        size += len;
        if (size > limit) {
            kept = null;
            return;
        }
        digest.update(b, off, len);
        if (kept != null) {
            if (kept.size() + len > keepLimit) {
                kept = null;
            } else {
                kept.write(b, off, len);
            }
        }
    }

    long size() {
        return size;
    }

    boolean tooLarge() {
        return size > limit;
    }

    /** The bytes, or null when they were over the threshold. */
    byte[] keptBytes() {
        return kept == null ? null : kept.toByteArray();
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
