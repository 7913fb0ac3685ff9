package io.github.camelzoho.attachments.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The attachments of every record, and the modules the API accepts. Every record id exists (with no attachments until some are
 * added). Thread-safe: one lock, held only for in-memory bookkeeping, never for I/O.
 */
final class AttachmentStore {

    /** Modules Zoho's Attachments API supports out of the box. */
    static final List<String> STANDARD_MODULES = List.of(
            "Leads", "Accounts", "Contacts", "Deals", "Campaigns", "Tasks", "Cases", "Events", "Calls", "Solutions",
            "Products", "Vendors", "Price_Books", "Quotes", "Sales_Orders", "Purchase_Orders", "Invoices",
            "Appointments", "Services", "Notes");

    /** Modules Zoho names as not supported by the API (a different error message than unknown ones). */
    static final Set<String> UNSUPPORTED_MODULES = Set.of("documents", "projects");

    private static final long FIRST_ID = 4876876000001000001L;

    /** One page of a listing, newest first. */
    record Page(List<StoredAttachment> items, int total) {
    }

    /** Factory for an attachment once its id, parent and creation time are known. */
    @FunctionalInterface
    interface Maker {

        StoredAttachment make(long id, String module, String recordId, String parentName, Instant created);
    }

    private final Object lock = new Object();
    // lower-case name -> API name: module names in URLs are matched case-insensitively (unconfirmed for Zoho)
    private final Map<String, String> modules = new HashMap<>();
    // "module/recordId" -> attachments oldest first; ids increase, so each list is sorted by id
    private final Map<String, List<StoredAttachment>> byRecord = new HashMap<>();
    private final Map<Long, StoredAttachment> byId = new HashMap<>();
    private final Map<String, String> recordNames = new HashMap<>();
    // "module/recordId" -> the record as the module's record listing shows it
    private final Map<String, StoredRecord> records = new HashMap<>();
    private long nextId = FIRST_ID;
    /** Gives the Created_Time of new attachments; tests set an earlier one to seed attachments that existed before. */
    private volatile Clock clock = Clock.systemUTC();

    /**
     * A record as its module's listing shows it. Zoho moves Last_Activity_Time, not Modified_Time, when a file is attached.
     */
    record StoredRecord(String module, String id, Instant modifiedTime, Instant lastActivityTime) {
    }

    AttachmentStore() {
        STANDARD_MODULES.forEach(this::addModule);
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    void addModule(String apiName) {
        if (apiName == null || apiName.isBlank() || apiName.contains("/")) {
            throw new IllegalArgumentException("invalid module API name: " + apiName);
        }
        synchronized (lock) {
            modules.putIfAbsent(apiName.toLowerCase(Locale.ROOT), apiName);
        }
    }

    /** The API name of a known module, or null. */
    String resolveModule(String name) {
        synchronized (lock) {
            return modules.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The module's API name, registering it when unknown (seeding may create custom modules). */
    private String moduleForSeeding(String name) {
        String known = resolveModule(name);
        if (known != null) {
            return known;
        }
        addModule(name);
        return name;
    }

    void setRecordName(String module, String recordId, String name) {
        synchronized (lock) {
            String apiName = moduleForSeeding(module);
            recordNames.put(key(apiName, recordId), name);
            touchRecord(apiName, recordId, null);
        }
    }

    /** Makes a record exist in its module's record listing, without attachments (no activity yet). */
    void addRecord(String module, String recordId, Instant created) {
        synchronized (lock) {
            String apiName = moduleForSeeding(module);
            records.putIfAbsent(key(apiName, recordId),
                    new StoredRecord(apiName, recordId, created.truncatedTo(ChronoUnit.SECONDS), null));
        }
    }

    /** Creates the record if needed; an activity (an attachment added) moves its Last_Activity_Time. Holds the lock. */
    private void touchRecord(String module, String recordId, Instant activity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StoredRecord old = records.get(key(module, recordId));
        Instant modified = old != null ? old.modifiedTime() : activity != null && activity.isBefore(now) ? activity : now;
        Instant last = old == null ? null : old.lastActivityTime();
        if (activity != null && (last == null || activity.isAfter(last))) {
            last = activity.truncatedTo(ChronoUnit.SECONDS);
        }
        records.put(key(module, recordId), new StoredRecord(module, recordId, modified, last));
    }

    /** Removes a record and its attachments, as a user deleting it would; false if the record is unknown. */
    boolean removeRecord(String module, String recordId) {
        synchronized (lock) {
            List<StoredAttachment> attachments = byRecord.remove(key(module, recordId));
            if (attachments != null) {
                attachments.forEach(a -> byId.remove(a.id));
            }
            return records.remove(key(module, recordId)) != null || attachments != null;
        }
    }

    /** The module's records, by id. */
    List<StoredRecord> records(String module) {
        synchronized (lock) {
            List<StoredRecord> list = new ArrayList<>();
            for (StoredRecord r : records.values()) {
                if (r.module().equals(module)) {
                    list.add(r);
                }
            }
            list.sort(Comparator.comparing((StoredRecord r) -> r.id().length()).thenComparing(StoredRecord::id));
            return list;
        }
    }

    /** Every attachment of every module (a snapshot, in no particular order). */
    List<StoredAttachment> all() {
        synchronized (lock) {
            return new ArrayList<>(byId.values());
        }
    }

    StoredAttachment add(String module, String recordId, Maker maker) {
        return addMany(module, recordId, 1, (i, id, m, r, p, t) -> maker.make(id, m, r, p, t)).get(0);
    }

    /** Like {@link Maker}, with the index within a batch. */
    @FunctionalInterface
    interface BatchMaker {

        StoredAttachment make(int index, long id, String module, String recordId, String parentName, Instant created);
    }

    /** Adds {@code count} attachments under one lock, so a large batch gets consecutive ids and is fast. */
    List<StoredAttachment> addMany(String module, String recordId, int count, BatchMaker maker) {
        return addMany(module, recordId, count, clock.instant(), maker);
    }

    /** As {@link #addMany(String, String, int, BatchMaker)}, created at a given time (seeding a history). */
    List<StoredAttachment> addMany(String module, String recordId, int count, Instant now, BatchMaker maker) {
        String apiName = moduleForSeeding(module);
        List<StoredAttachment> added = new ArrayList<>(count);
        synchronized (lock) {
            touchRecord(apiName, recordId, now);
            String key = key(apiName, recordId);
            String parentName = recordNames.getOrDefault(key, "Record " + recordId);
            List<StoredAttachment> list = byRecord.computeIfAbsent(key, k -> new ArrayList<>());
            for (int i = 0; i < count; i++) {
                StoredAttachment a = maker.make(i, nextId++, apiName, recordId, parentName, now);
                list.add(a);
                byId.put(a.id, a);
                added.add(a);
            }
        }
        return added;
    }

    /** Convenience for seeding: {@code file-1.txt..file-count.txt} with small text contents. */
    List<StoredAttachment> seed(String module, String recordId, int count) {
        return seed(module, recordId, count, clock.instant());
    }

    /** As {@link #seed(String, String, int)}, created at a given time. */
    List<StoredAttachment> seed(String module, String recordId, int count, Instant created) {
        synchronized (lock) {
            int base = byRecord.getOrDefault(key(moduleForSeeding(module), recordId), List.of()).size();
            return addMany(module, recordId, count, created, (i, id, m, r, p, t) -> {
                String name = "file-" + (base + i + 1) + ".txt";
                byte[] content = ("Content of " + name + "\n").getBytes(StandardCharsets.UTF_8);
                return StoredAttachment.file(id, m, r, p, name, content, t);
            });
        }
    }

    /** Current attachments of a record, newest first. */
    List<StoredAttachment> list(String module, String recordId) {
        synchronized (lock) {
            List<StoredAttachment> list = byRecord.getOrDefault(key(module, recordId), List.of());
            StoredAttachment[] newestFirst = new StoredAttachment[list.size()];
            for (int i = 0; i < newestFirst.length; i++) {
                newestFirst[i] = list.get(list.size() - 1 - i);
            }
            return Collections.unmodifiableList(Arrays.asList(newestFirst));
        }
    }

    /** One page, newest first, of the record's attachments accepted by {@code filter} (null: all). */
    Page page(String module, String recordId, Predicate<StoredAttachment> filter, int offset, int perPage) {
        synchronized (lock) {
            List<StoredAttachment> list = byRecord.getOrDefault(key(module, recordId), List.of());
            if (filter == null) {
                // the common case, without copying the whole record
                int total = list.size();
                List<StoredAttachment> items = new ArrayList<>(Math.min(perPage, Math.max(0, total - offset)));
                for (int i = offset; i < total && i < offset + perPage; i++) {
                    items.add(list.get(total - 1 - i));
                }
                return new Page(items, total);
            }
            List<StoredAttachment> matching = new ArrayList<>();
            for (int i = list.size() - 1; i >= 0; i--) {
                if (filter.test(list.get(i))) {
                    matching.add(list.get(i));
                }
            }
            int from = Math.min(offset, matching.size());
            int to = Math.min(matching.size(), offset + perPage);
            return new Page(new ArrayList<>(matching.subList(from, to)), matching.size());
        }
    }

    /** The attachment if it exists and belongs to this record, else null. */
    StoredAttachment find(String module, String recordId, String attachmentId) {
        StoredAttachment a = get(attachmentId);
        return a != null && a.module.equals(module) && a.recordId.equals(recordId) ? a : null;
    }

    StoredAttachment get(String attachmentId) {
        Long id = parseId(attachmentId);
        if (id == null) {
            return null;
        }
        synchronized (lock) {
            return byId.get(id);
        }
    }

    /** Removes the attachment if it belongs to this record; false when there was none. */
    boolean remove(String module, String recordId, String attachmentId) {
        Long id = parseId(attachmentId);
        if (id == null) {
            return false;
        }
        synchronized (lock) {
            StoredAttachment a = byId.get(id);
            if (a == null || !a.module.equals(module) || !a.recordId.equals(recordId)) {
                return false;
            }
            List<StoredAttachment> list = byRecord.get(key(module, recordId));
            // sorted by id: binary search keeps bulk deletes on 100,000 attachments cheap
            int low = 0;
            int high = list.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long midId = list.get(mid).id;
                if (midId < id) {
                    low = mid + 1;
                } else if (midId > id) {
                    high = mid - 1;
                } else {
                    list.remove(mid);
                    break;
                }
            }
            byId.remove(id);
            return true;
        }
    }

    private static Long parseId(String attachmentId) {
        if (attachmentId == null || attachmentId.isEmpty() || attachmentId.length() > 19) {
            return null;
        }
        for (int i = 0; i < attachmentId.length(); i++) {
            char c = attachmentId.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(attachmentId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String key(String module, String recordId) {
        return module + "/" + recordId;
    }
}
