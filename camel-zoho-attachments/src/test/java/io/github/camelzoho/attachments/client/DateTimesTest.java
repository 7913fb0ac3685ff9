package io.github.camelzoho.attachments.client;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Zoho's date-times read exactly as the JDK's ISO parser reads them, whether or not they take the fast path. */
class DateTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "2022-04-21T10:27:41+05:30", "2026-11-24T00:09:49-08:00", "1999-12-31T23:59:59+00:00", "2024-02-29T12:00:00-00:00",
            "0001-01-01T00:00:00+18:00", "2024-06-30T07:15:00-03:45",
            // not Zoho's shape: the ISO parser takes these
            "2024-06-30T07:15:00Z", "2024-06-30T07:15:00.123+02:00", "2024-06-30T07:15+02:00", "2024-06-30T07:15:00+02:00:30",
            " 2024-06-30T07:15:00+02:00 "})
    void readsWhatTheIsoParserReads(String text) {
        OffsetDateTime expected = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        OffsetDateTime parsed = DateTimes.parse(text);
        assertEquals(expected, parsed);
        assertEquals(expected.getOffset(), parsed.getOffset());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2023-02-29T10:00:00+05:30", "2024-13-01T10:00:00+05:30", "2024-01-01T24:00:00+05:30", "2024-01-01T10:60:00+05:30",
            "2024-01-01T10:00:00+19:00", "2024-01-01T10:00:00+05:60", "2024-01-01 10:00:00+05:30", "2024-01-0xT10:00:00+05:30",
            "2024-01-01T10:00:00*05:30", "yesterday"})
    void refusesWhatTheIsoParserRefuses(String text) {
        assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        assertThrows(DateTimeParseException.class, () -> DateTimes.parse(text));
    }

    @Test
    void blankIsNull() {
        assertNull(DateTimes.parse(null));
        assertNull(DateTimes.parse("  "));
    }
}
