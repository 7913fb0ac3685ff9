package io.github.camelzoho.attachments;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a whole-module watch resumes: its position, the time before which every attachment of the module was listed and
 * delivered (or is still held by this consumer), and when the watch first started (what startFrom=now skips), kept as one value
 * in a Camel {@link StateRepository} under {@code zoho-attachments/<module>}, e.g.
 * {@code position=2026-12-01T20:15:03Z;started=2026-11-30T08:00:00Z}. One value, not keys of the idempotent repository: nothing
 * a bounded repository evicts can cut it in half. Written only when it changes.
 */
final class WatchPosition {

    private static final Logger LOG = LoggerFactory.getLogger(WatchPosition.class);
    private static final String POSITION = "position=";
    private static final String STARTED = "started=";

    /** What a run saved: the position (null before a walk was done) and the first start (null if never saved). */
    record Saved(Instant position, Instant started) {
    }

    private final StateRepository<String, String> repository;
    private final String key;
    private String saved;
    private Instant position;
    private Instant started;

    WatchPosition(StateRepository<String, String> repository, String module) {
        this.repository = repository;
        this.key = "zoho-attachments/" + module;
    }

    /** The key it is kept under. */
    String key() {
        return key;
    }

    /** What an earlier run saved (nulls when nothing, or not what this version writes: logged, and the watch starts over). */
    Saved load() {
        String value = repository.getState(key);
        saved = value;
        if (value == null) {
            return new Saved(null, null);
        }
        try {
            for (String part : value.split(";")) {
                if (part.startsWith(POSITION)) {
                    position = Instant.parse(part.substring(POSITION.length()));
                } else if (part.startsWith(STARTED)) {
                    started = Instant.parse(part.substring(STARTED.length()));
                }
            }
        } catch (DateTimeParseException e) {
            position = null;
            started = null;
        }
        if (position == null && started == null) {
            LOG.warn("The stateRepository holds '{}' under {}, which is not a watch position; the watch starts as if it had"
                    + " none", value, key);
        }
        return new Saved(position, started);
    }

    /** Saves the position when it changed. */
    void save(Instant newPosition) {
        position = newPosition;
        write();
    }

    /** Saves when the watch first started. */
    void saveStarted(Instant firstStart) {
        started = firstStart;
        write();
    }

    private void write() {
        String value = (position == null ? "" : POSITION + position) + (position != null && started != null ? ";" : "")
                + (started == null ? "" : STARTED + started);
        if (!value.isEmpty() && !value.equals(saved)) {
            repository.setState(key, value);
            saved = value;
        }
    }
}
