package io.github.camelzoho.attachments.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the component's secret options (those marked {@code secret=true} in its descriptor: client id and secret, refresh and
 * access tokens, proxy user and password) in actuator's {@code configprops} and {@code env} endpoints, even with
 * {@code show-values=always}: Spring Boot 3 no longer masks by key name. In {@code env} a key is masked under
 * {@code camel.component.zoho-attachments.} in any of its spellings (kebab case, camel case, environment variable); in
 * {@code configprops}, where keys come without their prefix, any property named like a secret option is masked.
 */
final class ZohoAttachmentsSecretsSanitizer implements SanitizingFunction {

    static final String DESCRIPTOR = "META-INF/io/github/camelzoho/attachments/zoho-attachments.json";
    private static final String PREFIX = normalise(ZohoAttachmentsComponentAutoConfiguration.PREFIX + ".");

    private final Set<String> secretOptions;

    ZohoAttachmentsSecretsSanitizer() {
        this(secretOptions());
    }

    ZohoAttachmentsSecretsSanitizer(Set<String> secretOptions) {
        this.secretOptions = secretOptions;
    }

    /** The component's options marked secret in its descriptor, normalised. */
    static Set<String> secretOptions() {
        Set<String> names = new TreeSet<>();
        try (InputStream in = ZohoAttachmentsSecretsSanitizer.class.getClassLoader().getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTOR + " is missing: the component's secret options are unknown");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            for (String group : new String[]{"componentProperties", "properties"}) {
                for (Map.Entry<String, JsonNode> option : root.path(group).properties()) {
                    if (option.getValue().path("secret").asBoolean(false)) {
                        names.add(normalise(option.getKey()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (data.getKey() == null || data.getValue() == null) {
            return data;
        }
        String key = normalise(data.getKey());
        String option = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
        return secretOptions.contains(option) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }

    /** Lower case without separators, so clientSecret, client-secret and CLIENT_SECRET compare equal. */
    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
