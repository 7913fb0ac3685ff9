package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

/**
 * Zoho's date-times ({@code 2022-04-21T10:27:41+05:30}) as {@link OffsetDateTime}, without requiring the
 * jackson-datatype-jsr310 module: the model classes must (de)serialise with a plain {@code ObjectMapper}.
 */
final class DateTimes {

    /** Zoho's own format: seconds precision, offset as {@code +05:30}. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private DateTimes() {
    }

    /** Parses a Zoho date-time; null or blank gives null. */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        OffsetDateTime fast = parseZohoFormat(trimmed);
        return fast != null ? fast : OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * Zoho's exact shape {@code yyyy-MM-ddTHH:mm:ss+hh:mm} without the formatter: a listing holds two date-times per
     * attachment, and the general ISO parser took about a quarter of the client's CPU for a page of 200. Anything else (other
     * shapes, values out of range) gives null, and the ISO parser decides, with its usual error.
     */
    private static OffsetDateTime parseZohoFormat(String t) {
        if (t.length() != 25 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(22) != ':' || t.charAt(19) != '+' && t.charAt(19) != '-') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int offsetHours = digits(t, 20, 2);
        int offsetMinutes = digits(t, 23, 2);
        if ((year | month | day | hour | minute | second | offsetHours | offsetMinutes) < 0) {
            return null;
        }
        int sign = t.charAt(19) == '-' ? -1 : 1;
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0,
                    ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written with {@code count} ASCII digits from {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Formats in Zoho's own format; null gives null. */
    public static String format(OffsetDateTime time) {
        return time == null ? null : FORMAT.format(time);
    }

    /** Writes an {@link OffsetDateTime} in Zoho's format. */
    public static final class Serializer extends JsonSerializer<OffsetDateTime> {

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(format(value));
        }
    }

    /** Reads Zoho's (or any ISO-8601 with offset) date-time. */
    public static final class Deserializer extends JsonDeserializer<OffsetDateTime> {

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
                        "not an ISO-8601 date-time with offset: %s", e.getMessage());
            }
        }
    }
}
