package io.github.camelzoho.attachments.testserver;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque page tokens, each standing for a position in one record's listing. The same position always gets the same token (until
 * it expires), so repeated traversals in benchmarks do not grow memory. Thread-safe.
 */
final class PageTokens {

    /** Zoho's page tokens are valid for 24 hours. */
    static final Duration VALIDITY = Duration.ofHours(24);

    /** Where a token points. */
    record Cursor(String module, String recordId, int offset, int perPage) {
    }

    /** A token and when it stops being accepted. */
    record Issued(String token, Instant expiry) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<Cursor, Issued> byCursor = new ConcurrentHashMap<>();
    private final Map<String, Cursor> byToken = new ConcurrentHashMap<>();

    /** The token for a cursor. */
    Issued issue(Cursor cursor) {
        Instant now = Instant.now();
        return byCursor.compute(cursor, (c, old) -> {
            if (old != null && old.expiry.isAfter(now)) {
                return old;
            }
            if (old != null) {
                byToken.remove(old.token);
            }
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            Issued fresh = new Issued(HexFormat.of().formatHex(bytes), now.plus(VALIDITY));
            byToken.put(fresh.token, c);
            return fresh;
        });
    }

    /** The cursor of a token, or null when it is unknown or expired. */
    Cursor resolve(String token) {
        Cursor cursor = byToken.get(token);
        if (cursor == null) {
            return null;
        }
        Issued issued = byCursor.get(cursor);
        return issued != null && issued.token.equals(token) && issued.expiry.isAfter(Instant.now()) ? cursor : null;
    }
}
