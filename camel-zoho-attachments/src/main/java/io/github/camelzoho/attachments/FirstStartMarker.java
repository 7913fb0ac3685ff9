package io.github.camelzoho.attachments;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a watch with startFrom=now first started, for a restart that has no {@link WatchPosition} (record ids, or a whole module
 * without a stateRepository) but a persistent idempotentRepository: what startFrom=now skips is what existed at the first
 * start, so what was added while the application was down, or before a record was first listed, is emitted. A repository only
 * says whether it holds a key, so the minute is written once as three keys (its day, hour and minute, e.g.
 * {@code Leads/*watch-started/2026-12-01T20:15}) and read back by asking for the latest day, hour and minute present. The keys
 * are never removed, so a file repository is never rewritten for them.
 */
final class FirstStartMarker {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStartMarker.class);

    /** How far back a restart looks for the marker; an older one is not found (the watch starts over, as startFrom says). */
    static final int MAX_DAYS_BACK = 400;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter[] LEVELS = {DAY, HOUR, MINUTE};

    private final IdempotentRepository repository;
    private final String prefix;
    private final Clock clock;

    /**
     * @param repository
     *            the idempotent repository, or null when there is none to keep it in (then every start counts as the first in
     *            this process)
     */
    FirstStartMarker(IdempotentRepository repository, String module, Clock clock) {
        this.repository = repository;
        this.prefix = module + "/*watch-started/";
        this.clock = clock;
    }

    /**
     * When the watch first started: the marker an earlier run wrote (to the minute), else {@code now}, which is written. Asked
     * once per start, before anything is listed.
     */
    Instant firstStart(Instant now) {
        if (repository == null) {
            return now;
        }
        Instant saved = load(clock.instant());
        if (saved != null) {
            LOG.info("The watch of {} first started at {} (a marker in the idempotent repository): what startFrom=now skips is"
                    + " what existed then", prefix.substring(0, prefix.indexOf('/')), saved);
            return saved;
        }
        save(now);
        return now;
    }

    /** The minute of the first start (rounded down), or null when never written (or written more than 400 days ago). */
    private Instant load(Instant now) {
        Instant day = null;
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        for (int back = 0; back <= MAX_DAYS_BACK && day == null; back++) {
            Instant candidate = today.minus(back, ChronoUnit.DAYS);
            if (repository.contains(prefix + DAY.format(candidate))) {
                day = candidate;
            }
        }
        if (day == null) {
            return null;
        }
        Instant hour = latest(day, 24, ChronoUnit.HOURS, HOUR);
        Instant minute = hour == null ? null : latest(hour, 60, ChronoUnit.MINUTES, MINUTE);
        return minute != null ? minute : hour != null ? hour : day;
    }

    private Instant latest(Instant start, int count, ChronoUnit unit, DateTimeFormatter format) {
        for (int i = count - 1; i >= 0; i--) {
            Instant candidate = start.plus(i, unit);
            if (repository.contains(prefix + format.format(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** Writes the marker (rounded down to the minute), the finest key last. */
    private void save(Instant firstStart) {
        for (DateTimeFormatter level : LEVELS) {
            repository.add(prefix + level.format(firstStart));
        }
    }
}
