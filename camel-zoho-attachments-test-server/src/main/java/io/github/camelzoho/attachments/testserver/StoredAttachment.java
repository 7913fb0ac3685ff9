package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One attachment of one record: a stored file, a generated file (bytes computed on download), an upload too large to keep (size
 * and hash only) or a link. Immutable except for a lazily computed hash.
 */
final class StoredAttachment {

    static final String TYPE_FILE = "Attachment";
    static final String TYPE_LINK = "Link URL";

    /** The offset of Zoho's own samples (an org in India), so clients are tested against a non-UTC offset. */
    static final ZoneOffset ZOHO_OFFSET = ZoneOffset.ofHoursMinutes(5, 30);
    static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZOHO_OFFSET);

    /** The user every attachment is owned, created and modified by (the one in Zoho's samples). */
    static final Map<String, Object> USER = user("Patricia Boyle", "4876876000000327001", "patricia.boyle@zohocorp.com");

    private enum Storage {
        BYTES,
        GENERATED,
        HASH_ONLY,
        LINK
    }

    final long id;
    final String module;
    final String recordId;
    final String parentName;
    final String fileName;
    final long size;
    final String createdTime;
    /** {@link #createdTime} as an instant, whole seconds (what the listings compare with If-Modified-Since). */
    final Instant createdAt;
    final String linkUrl;
    private final Storage storage;
    private final byte[] content;
    private volatile String sha256;

    private StoredAttachment(long id, String module, String recordId, String parentName, String fileName, long size,
            Instant created, Storage storage, byte[] content, String sha256, String linkUrl) {
        this.id = id;
        this.module = module;
        this.recordId = recordId;
        this.parentName = parentName;
        this.fileName = fileName;
        this.size = size;
        this.createdTime = TIME_FORMAT.format(created);
        this.createdAt = created.truncatedTo(ChronoUnit.SECONDS);
        this.storage = storage;
        this.content = content;
        this.sha256 = sha256;
        this.linkUrl = linkUrl;
    }

    /** A file whose bytes are kept; {@code content} must not be modified afterwards. */
    static StoredAttachment file(long id, String module, String recordId, String parentName, String fileName,
            byte[] content, Instant created) {
        return new StoredAttachment(
                id, module, recordId, parentName, fileName, content.length, created, Storage.BYTES, content, null,
                null);
    }

    static StoredAttachment generated(long id, String module, String recordId, String parentName, String fileName,
            long size, Instant created) {
        return new StoredAttachment(
                id, module, recordId, parentName, fileName, size, created, Storage.GENERATED, null, null, null);
    }

    /** An upload too large to keep in memory: only its size and hash remain. */
    static StoredAttachment hashOnly(long id, String module, String recordId, String parentName, String fileName,
            long size, String sha256, Instant created) {
        return new StoredAttachment(
                id, module, recordId, parentName, fileName, size, created, Storage.HASH_ONLY, null, sha256, null);
    }

    static StoredAttachment link(long id, String module, String recordId, String parentName, String title, String url,
            Instant created) {
        return new StoredAttachment(id, module, recordId, parentName, title, 0, created, Storage.LINK, null, null, url);
    }

    boolean isLink() {
        return storage == Storage.LINK;
    }

    /** Whether the bytes can be served: false for links and for uploads too large to have been kept. */
    boolean downloadable() {
        return storage == Storage.BYTES || storage == Storage.GENERATED;
    }

    /** A copy of the kept bytes, or null when they are not kept (generated, too large, link). */
    byte[] contentCopy() {
        return content == null ? null : content.clone();
    }

    /** SHA-256 of the content as lowercase hex; null for links. */
    String sha256() {
        String hash = sha256;
        if (hash == null && storage != Storage.LINK) {
            hash = storage == Storage.BYTES
                    ? GeneratedContent.sha256(content)
                    : GeneratedContent.sha256(generatedSeed(), size);
            sha256 = hash;
        }
        return hash;
    }

    void writeContent(OutputStream out) throws IOException {
        if (storage == Storage.BYTES) {
            out.write(content);
        } else if (storage == Storage.GENERATED) {
            GeneratedContent.write(generatedSeed(), size, out);
        } else {
            throw new IllegalStateException("content of attachment " + id + " is not kept");
        }
    }

    private long generatedSeed() {
        return GeneratedContent.seed(fileName, size);
    }

    /** Zoho's attachment JSON with all keys; see {@link #toJson(Set)}. */
    Map<String, Object> toJson() {
        return toJson(null);
    }

    /**
     * Zoho's attachment JSON, limited to {@code fields} (null: all keys). {@code id} is always present, and so is
     * {@code $sharing_permission}, a key Zoho's docs do not list, so that clients are exercised against unknown keys.
     */
    Map<String, Object> toJson(Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        put(json, fields, "Owner", USER);
        put(json, fields, "Modified_By", USER);
        put(json, fields, "Created_By", USER);
        if (fields == null || fields.contains("Parent_Id")) {
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put("name", parentName);
            parent.put("id", recordId);
            json.put("Parent_Id", Collections.unmodifiableMap(parent));
        }
        json.put("$sharing_permission", "full_access");
        // unconfirmed values: 1 for files, 3 for links
        put(json, fields, "$attachment_type", isLink() ? 3 : 1);
        json.put("id", Long.toString(id));
        put(json, fields, "Modified_Time", createdTime);
        put(json, fields, "Created_Time", createdTime);
        put(json, fields, "File_Name", fileName);
        put(json, fields, "Size", Long.toString(size));
        put(json, fields, "$editable", true);
        put(json, fields, "$file_id", isLink() ? null : fileId());
        put(json, fields, "$type", isLink() ? TYPE_LINK : TYPE_FILE);
        put(json, fields, "$se_module", module);
        put(json, fields, "$state", "save");
        put(json, fields, "$link_url", linkUrl);
        return Collections.unmodifiableMap(json);
    }

    private String fileId() {
        // looks like Zoho's long hex file ids, and is stable for an attachment id
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            sb.append(String.format("%016x", GeneratedContent.mix(id * 4 + i)));
        }
        return sb.toString();
    }

    private static void put(Map<String, Object> json, Set<String> fields, String key, Object value) {
        if (fields == null || fields.contains(key)) {
            json.put(key, value);
        }
    }

    private static Map<String, Object> user(String name, String id, String email) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", name);
        user.put("id", id);
        user.put("email", email);
        return Collections.unmodifiableMap(user);
    }
}
