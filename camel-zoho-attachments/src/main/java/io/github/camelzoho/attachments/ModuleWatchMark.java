package io.github.camelzoho.attachments;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.apache.camel.spi.IdempotentRepository;

/**
 * Where a whole-module watch resumes after a restart: its high-water mark (everything created before it was found), kept in the
 * idempotent repository itself, so a persistent or shared repository (file, JDBC...) carries it without another store. A
 * repository can only say whether it holds a key, so the mark is written as three keys, its day, hour and minute (rounded down,
 * so a restart lists up to a minute more, never less), e.g. {@code Leads/*watch-mark/2026-12-01T20:15}, and read back by asking
 * for the latest day, hour and minute present. Old keys are removed once the new ones are written: the repository holds three
 * keys per watched module.
 */
final class ModuleWatchMark {

    /** How far back a restart looks for the mark; an older one is ignored (the watch starts over, as startFrom says). */
    static final int MAX_DAYS_BACK = 400;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter[] LEVELS = {DAY, HOUR, MINUTE};

    private final IdempotentRepository repository;
    private final String prefix;
    /** The keys written last, per level, to remove once they are replaced. */
    private final String[] written = new String[LEVELS.length];

    /**
     * @param repository
     *            the user's idempotent repository, or null when delivered attachments are kept in memory (then so is the mark:
     *            a restart starts over anyway)
     */
    ModuleWatchMark(IdempotentRepository repository, String module) {
        this.repository = repository;
        this.prefix = module + "/*watch-mark/";
    }

    /** The mark saved by an earlier run, or null. */
    Instant load(Instant now) {
        if (repository == null) {
            return null;
        }
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
        Instant mark = minute != null ? minute : hour != null ? hour : day;
        for (int i = 0; i < LEVELS.length; i++) {
            written[i] = prefix + LEVELS[i].format(mark);
        }
        return mark;
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

    /** Saves the mark (to the minute); only the keys that change are written, new ones before old ones are removed. */
    void save(Instant mark) {
        if (repository == null) {
            return;
        }
        for (int i = 0; i < LEVELS.length; i++) {
            String key = prefix + LEVELS[i].format(mark);
            if (!key.equals(written[i])) {
                repository.add(key);
                if (written[i] != null) {
                    repository.remove(written[i]);
                }
                written[i] = key;
            }
        }
    }
}
