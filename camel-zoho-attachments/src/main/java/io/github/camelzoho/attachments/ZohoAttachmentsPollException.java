package io.github.camelzoho.attachments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Some watched records could not be polled. The other records' attachments were still delivered; these records are tried again
 * at the next poll. Thrown from the poll so that pollStrategy, bridgeErrorHandler, the backoff options and the health check see
 * it. The first failure is the cause, the others are suppressed.
 */
public class ZohoAttachmentsPollException extends Exception {

    private final transient Map<String, Exception> failures;

    public ZohoAttachmentsPollException(String module, int recordsPolled, Map<String, Exception> failures) {
        super(describe(module, recordsPolled, failures), failures.values().iterator().next());
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /** A poll that failed as a whole (a whole-module watch whose path failed): the message names the path and what to do. */
    public ZohoAttachmentsPollException(String message, Exception cause) {
        super(message, cause);
        this.failures = Map.of();
    }

    private static String describe(String module, int recordsPolled, Map<String, Exception> failures) {
        return "Polling " + failures.size() + " of " + recordsPolled + " " + module + " records failed: "
                + failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().getMessage())
                        .collect(Collectors.joining("; "));
    }

    /** The failure of each record that could not be polled, by record id. */
    public Map<String, Exception> getFailures() {
        return failures;
    }
}
