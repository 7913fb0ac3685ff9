package io.github.camelzoho.attachments.testserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/** The registered faults, consumed first-registered-first by the requests they match. Thread-safe. */
final class Faults {

    /** What a fault does to a request. */
    enum Kind {

        /** Answer with a fixed reply; the request is not carried out. */
        RESPOND,
        /** Carry the request out, wait, then answer normally. */
        DELAY,
        /** Carry the request out, then answer 200 with a body that is not JSON. */
        MALFORMED_JSON,
        /** Carry the request out, then announce more bytes than are sent and close the connection. */
        TRUNCATED_BODY,
        /** Close the connection without answering; the request is not carried out. */
        CONNECTION_RESET;

        /** Whether the request is still carried out, so that the client cannot tell whether it took effect. */
        boolean carriesOut() {
            return this == DELAY || this == MALFORMED_JSON || this == TRUNCATED_BODY;
        }
    }

    /** The effect of one fault on one request. */
    record Action(Kind kind, Reply reply, Duration delay) {
    }

    private static final class Entry {

        final String method;
        final Pattern path;
        final Action action;
        int remaining;

        Entry(String method, Pattern path, int times, Action action) {
            this.method = method;
            this.path = path;
            this.remaining = times;
            this.action = action;
        }

        boolean matches(String requestMethod, String requestPath) {
            return (method == null || method.equals("*") || method.equalsIgnoreCase(requestMethod))
                    && path.matcher(requestPath).matches();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(String method, Pattern path, int times, Action action) {
        entries.add(new Entry(method, path, times, action));
    }

    /** Consumes one use of the first fault matching the request; null when none matches. */
    synchronized Action take(String method, String path) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext();) {
            Entry entry = it.next();
            if (entry.matches(method, path)) {
                if (--entry.remaining <= 0) {
                    it.remove();
                }
                return entry.action;
            }
        }
        return null;
    }

    synchronized void clear() {
        entries.clear();
    }
}
