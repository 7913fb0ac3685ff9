package io.github.camelzoho.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.ZohoInput;
import org.apache.camel.util.TimeUtils;

/**
 * Checks the raw text of the number, duration and boolean URI options before Camel converts it: Camel 4.18 turns
 * {@code maxRetries=x} into 0 without a word (ZohoOptionValuesTest shows it), which would silently change what the endpoint
 * does. Which options are which is read from the component's generated descriptor, so a new option is checked too.
 */
final class ZohoOptionValues {

    /** Camel's scheduler declares these as milliseconds (integer) but takes durations such as 5s as well. */
    private static final Set<String> SCHEDULER_DURATIONS = Set.of("delay", "initialDelay");
    /** Option name to its check: the descriptor's type, or "long" for an integer option held in a long. */
    private static final Map<String, String> TYPES = endpointOptionTypes();

    private ZohoOptionValues() {
    }

    static void check(Map<String, Object> parameters) {
        for (Map.Entry<String, Object> option : parameters.entrySet()) {
            if (!(option.getValue() instanceof String text)) {
                continue; // set from Java or a bean: already typed
            }
            String name = option.getKey();
            String value = text.trim();
            String reason = switch (TYPES.getOrDefault(name, "")) {
                case "integer" -> value.matches("-?[0-9]{1,10}") ? null : "must be a whole number";
                case "long" -> value.matches("-?[0-9]{1,18}") ? null : "must be a whole number";
                case "duration" -> isDuration(value) ? null : "must be milliseconds or a duration such as 500, 2s or 1m30s";
                case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                        ? null
                        : "must be true or false";
                default -> null;
            };
            if (reason != null) {
                throw ZohoInput.invalid(name, text, reason);
            }
        }
    }

    /** Milliseconds, or what Camel's TimeUtils reads as a duration (it reads text without a number, such as ten, as 0). */
    private static boolean isDuration(String value) {
        if (value.matches("[0-9]{1,18}")) {
            return true;
        }
        try {
            return TimeUtils.toMilliSeconds(value) > 0 || value.matches("0+[a-z ]+");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, String> endpointOptionTypes() {
        String descriptor = "/META-INF/" + ZohoOptionValues.class.getPackageName().replace('.', '/') + "/zoho-attachments.json";
        Map<String, String> types = new HashMap<>();
        try (InputStream json = ZohoOptionValues.class.getResourceAsStream(descriptor)) {
            new ObjectMapper().readTree(json).path("properties").properties().forEach(option -> {
                String type = option.getValue().path("type").asText();
                String javaType = option.getValue().path("javaType").asText();
                if (SCHEDULER_DURATIONS.contains(option.getKey())) {
                    type = "duration";
                } else if (type.equals("integer") && javaType.equals("long")) {
                    type = "long";
                }
                types.put(option.getKey(), type);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the component descriptor " + descriptor, e);
        }
        return Map.copyOf(types);
    }
}
