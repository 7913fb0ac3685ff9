package io.github.camelzoho.attachments.springboot;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.convert.converter.GenericConverter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The starter offers exactly the component's options, with the component's types and defaults, as the component's generated
 * JSON descriptor lists them. When an option is added to the component, this test fails naming it and prints the declaration to
 * paste into {@link ZohoAttachmentsComponentConfiguration}.
 */
class ComponentOptionsDescriptorTest {

    private static final String DESCRIPTOR = "META-INF/io/github/camelzoho/attachments/zoho-attachments.json";
    /** Properties of ComponentConfigurationPropertiesCommon, which every Camel starter has besides the options. */
    private static final Set<String> STARTER_PROPERTIES = Set.of("enabled", "customizer");

    private static JsonNode descriptor(String resource) throws IOException {
        try (InputStream in = ComponentOptionsDescriptorTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the classpath");
            return new ObjectMapper().readTree(in);
        }
    }

    private static Map<String, JsonNode> componentOptions() throws IOException {
        Map<String, JsonNode> options = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> option : descriptor(DESCRIPTOR).get("componentProperties").properties()) {
            options.put(option.getKey(), option.getValue());
        }
        return options;
    }

    private static Map<String, PropertyDescriptor> starterOptions() {
        Map<String, PropertyDescriptor> options = new LinkedHashMap<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(ZohoAttachmentsComponentConfiguration.class)) {
            if (property.getWriteMethod() != null && !STARTER_PROPERTIES.contains(property.getName())) {
                options.put(property.getName(), property);
            }
        }
        return options;
    }

    @Test
    void theStarterOffersEveryComponentOptionAndNoOther() throws IOException {
        Map<String, JsonNode> component = componentOptions();
        Map<String, PropertyDescriptor> starter = starterOptions();

        Set<String> missing = new TreeSet<>(component.keySet());
        missing.removeAll(starter.keySet());
        Set<String> extra = new TreeSet<>(starter.keySet());
        extra.removeAll(component.keySet());

        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder message = new StringBuilder("ZohoAttachmentsComponentConfiguration is out of step with ")
                    .append(DESCRIPTOR).append('.');
            if (!missing.isEmpty()) {
                message.append("\nMissing options: ").append(missing)
                        .append("\nAdd (and a getter, and a setter that calls explicitlySet.add(name)):");
                missing.forEach(name -> message.append('\n').append(declaration(name, component.get(name))));
            }
            if (!extra.isEmpty()) {
                message.append("\nOptions the component no longer has, to remove: ").append(extra);
            }
            fail(message.toString());
        }
    }

    @Test
    void everyOptionHasTheComponentsTypeAndDefault() throws IOException {
        Map<String, PropertyDescriptor> starter = starterOptions();
        BeanWrapper defaults = PropertyAccessorFactory.forBeanPropertyAccess(new ZohoAttachmentsComponentConfiguration());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : componentOptions().entrySet()) {
            String name = entry.getKey();
            JsonNode option = entry.getValue();
            PropertyDescriptor property = starter.get(name);
            if (property == null) {
                continue; // reported by the test above
            }
            String expectedType = javaType(option);
            String actualType = property.getReadMethod().getGenericReturnType().getTypeName(); // with type arguments
            if (!actualType.equals(expectedType)) {
                problems.add(name + " is a " + actualType + ", expected " + expectedType);
            }
            String expectedDefault = option.has("defaultValue") ? option.get("defaultValue").asText() : null;
            String actualDefault = asDescriptorText(defaults.getPropertyValue(name));
            if (!java.util.Objects.equals(expectedDefault, actualDefault)) {
                problems.add(name + " defaults to " + actualDefault + ", the component to " + expectedDefault);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyOptionThatTakesAnObjectTakesABeanReference() throws IOException {
        Set<GenericConverter.ConvertiblePair> convertible = new ZohoAttachmentsComponentConverter(null)
                .getConvertibleTypes();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : componentOptions().entrySet()) {
            if ("object".equals(option.getValue().get("type").asText())) {
                String type = option.getValue().get("javaType").asText().replaceAll("<.*>", ""); // the converter's raw type
                if (convertible.stream().noneMatch(pair -> pair.getTargetType().getName().equals(type))) {
                    problems.add(option.getKey() + ": add " + type + " to ZohoAttachmentsComponentConverter.BEAN_TYPES, so"
                            + " that #beanName works");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theGeneratedMetadataDocumentsEveryOption() throws IOException {
        JsonNode metadata = descriptor("META-INF/spring-configuration-metadata.json");
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = metadata.get("properties").elements(); it.hasNext();) {
            JsonNode property = it.next();
            documented.put(property.get("name").asText(), property);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : componentOptions().entrySet()) {
            String property = ZohoAttachmentsComponentAutoConfiguration.PREFIX + "." + kebab(entry.getKey());
            JsonNode doc = documented.get(property);
            if (doc == null) {
                problems.add(property + " is not in the metadata");
            } else if (!doc.hasNonNull("description") || doc.get("description").asText().isBlank()) {
                problems.add(property + " has no description");
            } else if (entry.getValue().has("defaultValue") && !doc.has("defaultValue")) {
                problems.add(property + " shows no default");
            }
        }
        for (String common : List.of("enabled", "customizer.enabled")) {
            String property = ZohoAttachmentsComponentAutoConfiguration.PREFIX + "." + common;
            if (!documented.containsKey(property)) {
                problems.add(property + " is not in the metadata");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals("10s", documented.get("camel.component.zoho-attachments.connect-timeout").get("defaultValue").asText(),
                "durations are documented as durations");
    }

    /** The Java type this starter uses for an option of the descriptor. */
    private static String javaType(JsonNode option) {
        String type = option.get("type").asText();
        String javaType = option.get("javaType").asText();
        return switch (type) {
            case "duration" -> Duration.class.getName();
            case "string" -> String.class.getName();
            case "boolean" -> Boolean.class.getName();
            case "integer", "number" -> switch (javaType) {
                case "long", "java.lang.Long" -> Long.class.getName();
                case "double", "java.lang.Double" -> Double.class.getName();
                default -> Integer.class.getName();
            };
            default -> javaType; // enums and beans: the component's own type
        };
    }

    private static String asDescriptorText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Duration duration) {
            return String.valueOf(duration.toMillis());
        }
        return value instanceof Enum<?> constant ? constant.name() : value.toString();
    }

    private static String declaration(String name, JsonNode option) {
        String type = javaType(option);
        String simpleType = type.substring(type.lastIndexOf('.') + 1);
        String initializer = "";
        if (option.has("defaultValue")) {
            String value = option.get("defaultValue").asText();
            initializer = " = " + switch (option.get("type").asText()) {
                case "string" -> '"' + value + '"';
                case "duration" -> "Duration.ofMillis(" + value + ")";
                case "enum" -> simpleType + "." + value;
                default -> simpleType.equals("Long") ? value + "L" : value;
            };
        }
        return "    /**\n     * " + option.path("description").asText() + "\n     */\n    private " + simpleType + " " + name
                + initializer + ";";
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
