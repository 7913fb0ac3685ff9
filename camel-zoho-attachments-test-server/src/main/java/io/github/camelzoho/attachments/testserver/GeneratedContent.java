package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pseudo-random content computed on the fly from a seed and a size, so a large attachment can be served any number of times at
 * constant memory and still be verified byte for byte.
 */
final class GeneratedContent {

    private static final int CHUNK = 64 * 1024;

    private GeneratedContent() {
    }

    /** The seed of a generated attachment: only its name and size, so the bytes do not depend on seeding order. */
    static long seed(String fileName, long size) {
        long h = 1125899906842597L;
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return mix(h ^ size);
    }

    /** SplitMix64's finaliser: a cheap, well-spread 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Writes the {@code size} bytes in 64 KiB chunks; byte i depends only on the seed and i. */
    static void write(long seed, long size, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long word = 0;
        for (long written = 0; written < size;) {
            int n = (int) Math.min(CHUNK, size - written);
            for (int i = 0; i < n; i += 8) {
                long v = mix(seed + 0x9e3779b97f4a7c15L * word++);
                for (int b = 0; b < 8 && i + b < n; b++) {
                    chunk[i + b] = (byte) (v >>> (8 * b));
                }
            }
            out.write(chunk, 0, n);
            written += n;
        }
    }

    static String sha256(long seed, long size) {
        MessageDigest digest = newSha256();
        try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            write(seed, size, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
    }
}
