package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link ZohoTokenStore} in one JSON file, readable and writable by its owner only: {@code {"tokens":{"<digest of the
 * credentials>":{"access_token":"...","expires_at":"...Z","api_domain":"https://..."}}}}. It never holds a client id, client
 * secret or refresh token. Each change is written to a temporary file beside it (owner-only from the start) and moved over it,
 * so a crash never leaves half a file; expired entries are dropped on each write.
 * <p>
 * Several writers can share one file: credential sets, store instances, CamelContexts and JVMs (processes). Each change reads
 * the file, merges its one entry and writes it back while holding an exclusive lock on a sibling lock file
 * ({@code .<name>.lock}, taken with {@link FileChannel#lock()}, and within this JVM a lock per file as well), so no writer
 * overwrites another's token. Reading takes no lock: the file is only ever replaced whole. On a shared volume this holds as far
 * as the volume honours POSIX (fcntl) locks and an atomic rename within a directory: NFSv4, or NFSv3 with its lock manager.
 */
public final class ZohoFileTokenStore implements ZohoTokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    /** One lock per lock file in this JVM: a FileChannel lock is held per process, not per thread or channel. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;

    /** A change made under the lock. */
    @FunctionalInterface
    private interface Change {

        void apply() throws IOException;
    }

    public ZohoFileTokenStore(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("the token store needs a file");
        }
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling("." + this.file.getFileName() + ".lock");
    }

    /** The file the tokens are kept in. */
    public Path getFile() {
        return file;
    }

    @Override
    public StoredToken load(String credentialsKey) throws IOException {
        JsonNode entry = read().path("tokens").path(credentialsKey);
        String accessToken = entry.path("access_token").asText("");
        if (accessToken.isBlank() || !entry.path("expires_at").isTextual()) {
            return null;
        }
        try {
            return new StoredToken(accessToken, Instant.parse(entry.path("expires_at").asText()),
                    entry.path("api_domain").asText(null));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void save(String credentialsKey, StoredToken token) throws IOException {
        locked(() -> {
            ObjectNode root = read();
            ObjectNode tokens = tokens(root);
            ObjectNode entry = tokens.putObject(credentialsKey);
            entry.put("access_token", token.accessToken());
            entry.put("expires_at", token.expiresAt().toString());
            if (token.apiDomain() != null) {
                entry.put("api_domain", token.apiDomain());
            }
            write(root);
        });
    }

    @Override
    public void remove(String credentialsKey) throws IOException {
        locked(() -> {
            ObjectNode root = read();
            if (tokens(root).remove(credentialsKey) != null) {
                write(root);
            }
        });
    }

    /** Removes the entry only while it still holds {@code accessToken}: a newer token another writer saved stays. */
    @Override
    public void remove(String credentialsKey, String accessToken) throws IOException {
        locked(() -> {
            ObjectNode root = read();
            ObjectNode tokens = tokens(root);
            if (accessToken != null && accessToken.equals(tokens.path(credentialsKey).path("access_token").asText(null))) {
                tokens.remove(credentialsKey);
                write(root);
            }
        });
    }

    /** Runs a read-merge-write holding this JVM's lock for the file and the exclusive lock on the lock file. */
    private void locked(Change change) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, path -> new ReentrantLock());
        try {
            local.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the lock on " + lockFile);
        }
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = openLockFile()) {
                FileLock lock = channel.lock();
                try {
                    change.apply();
                } finally {
                    lock.release();
                }
            }
        } finally {
            local.unlock();
        }
    }

    private FileChannel openLockFile() throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(lockFile, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        return FileChannel.open(lockFile, options);
    }

    private ObjectNode read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            return root instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            // a damaged file costs one token, never a failed route; it is replaced on the next save
            return JSON.createObjectNode();
        }
    }

    private static ObjectNode tokens(ObjectNode root) {
        JsonNode tokens = root.get("tokens");
        return tokens instanceof ObjectNode object ? object : root.putObject("tokens");
    }

    private void write(ObjectNode root) throws IOException {
        Instant now = Instant.now();
        tokens(root).properties().removeIf(e -> {
            try {
                return !Instant.parse(e.getValue().path("expires_at").asText()).isAfter(now);
            } catch (java.time.format.DateTimeParseException ex) {
                return true;
            }
        });
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path temp = createOwnerOnlyTempFile(dir);
        try {
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path createOwnerOnlyTempFile(Path dir) throws IOException {
        String prefix = "." + file.getFileName() + ".";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Path temp = Files.createTempFile(dir, prefix, ".tmp");
        java.io.File asFile = temp.toFile();
        // not POSIX (Windows): take the rights away from everyone, then give them back to the owner
        boolean restricted = asFile.setReadable(false, false) & asFile.setWritable(false, false)
                & asFile.setReadable(true, true) & asFile.setWritable(true, true);
        if (!restricted) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot restrict the token store file to its owner in " + dir);
        }
        return temp;
    }

    @Override
    public String toString() {
        return "ZohoFileTokenStore[" + file + "]";
    }
}
