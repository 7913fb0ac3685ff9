package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.time.OffsetDateTime;
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
public final class ZohoDateTimes {

    /** Zoho's own format: seconds precision, offset as {@code +05:30}. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private ZohoDateTimes() {
    }

    /** Parses a Zoho date-time; null or blank gives null. */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
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
