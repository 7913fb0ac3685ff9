package io.github.camelzoho.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The reply of {@link AttachmentSizesRoutes}: the number and total size of the attachments of each record. */
public final class AttachmentSizeReport {

    /** One record's totals. */
    public record RecordSizes(String recordId, int attachments, long bytes) {
    }

    private final List<RecordSizes> records = new ArrayList<>();

    void add(RecordSizes sizes) {
        records.add(sizes);
    }

    /** Per record, in the order asked. */
    public List<RecordSizes> records() {
        return List.copyOf(records);
    }

    /** The sum over every record. */
    public long totalBytes() {
        return records.stream().mapToLong(RecordSizes::bytes).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (RecordSizes r : records) {
            text.append(String.format(Locale.ROOT, "  record %s: %d attachment(s), %,d bytes%n", r.recordId(), r.attachments(),
                    r.bytes()));
        }
        return text.append(String.format(Locale.ROOT, "  total: %,d bytes", totalBytes())).toString();
    }
}
