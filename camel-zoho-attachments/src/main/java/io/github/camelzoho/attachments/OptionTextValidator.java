package io.github.camelzoho.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.camel.util.TimeUtils;

/**
 * Checks the raw text of the number, duration and boolean URI options before Camel converts it: Camel 4.18 turns
 * {@code maxRetries=x} into 0 without a word (OptionTextValidatorTest shows it), which would silently change what the endpoint
 * does. Which options are which is read from the component's generated descriptor, so a new option is checked too.
 */
final class OptionTextValidator {

    /** Option name to int, long, duration or boolean. */
    private static final Map<String, String> KINDS = kindsFromDescriptor();

    private OptionTextValidator() {
    }

    static void check(Map<String, Object> parameters) {
        parameters.forEach((name, value) -> {
            String kind = KINDS.getOrDefault(name, "");
            if (value instanceof String text && !valid(kind, text.trim())) { // not a String: set from Java, already typed
                throw InputValidator.invalid(name, text, switch (kind) {
                    case "duration" -> "must be milliseconds or a duration such as 500, 2s or 1m30s";
                    case "boolean" -> "must be true or false";
                    default -> "must be a whole number";
                });
            }
        });
    }

    private static boolean valid(String kind, String value) {
        return switch (kind) {
            case "int" -> value.matches("-?[0-9]{1,10}");
            case "long" -> value.matches("-?[0-9]{1,18}");
            case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            // TimeUtils reads text without a number, such as ten, as 0
            case "duration" -> value.matches("[0-9]{1,18}|0+[a-z ]+") || durationMillis(value) > 0;
            default -> true;
        };
    }

    private static long durationMillis(String value) {
        try {
            return TimeUtils.toMilliSeconds(value);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, String> kindsFromDescriptor() {
        String descriptor = "/META-INF/" + OptionTextValidator.class.getPackageName().replace('.', '/')
                + "/zoho-attachments.json";
        Map<String, String> kinds = new HashMap<>();
        try (InputStream json = OptionTextValidator.class.getResourceAsStream(descriptor)) {
            for (Map.Entry<String, JsonNode> option : new ObjectMapper().readTree(json).path("properties").properties()) {
                String type = option.getValue().path("type").asText();
                // Camel's scheduler declares delay and initialDelay as integer milliseconds but takes durations such as 5s too
                boolean schedulerDelay = option.getKey().equals("delay") || option.getKey().equals("initialDelay");
                String javaType = option.getValue().path("javaType").asText();
                kinds.put(option.getKey(), type.equals("duration") || schedulerDelay
                        ? "duration"
                        : type.equals("integer") ? (javaType.equals("long") ? "long" : "int") : type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the component descriptor " + descriptor, e);
        }
        return kinds;
    }
}
