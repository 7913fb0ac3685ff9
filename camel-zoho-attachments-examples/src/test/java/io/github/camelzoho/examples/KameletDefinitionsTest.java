package io.github.camelzoho.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kamelets in ../kamelets follow the Apache Camel Kamelet catalog's format, so that Camel K, Kaoto and the catalog tools
 * read them: every property titled and described, the component's own Maven coordinates among the dependencies, every
 * placeholder backed by a property and every endpoint option known to the component's JSON descriptor. The catalog's own rules
 * (icon, namespace, types, dataTypes, credentials...) are in {@link KameletCatalogRulesTest}.
 */
class KameletDefinitionsTest {

    static final Path KAMELETS = Path.of("..", "kamelets");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9_.-]+)}}");

    static List<Path> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(KAMELETS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
    }

    static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    @Test
    void theSourceTheDeleteActionAndTheUploadSinkAreThere() throws IOException {
        List<String> names = kamelets().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("zoho-crm-attachment-source.kamelet.yaml",
                "zoho-crm-attachment-delete-action.kamelet.yaml", "zoho-crm-attachment-upload-sink.kamelet.yaml")),
                names.toString());
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void isNamedAndTypedAfterItsFile(Path file) throws IOException {
        JsonNode kamelet = read(file);
        String name = file.getFileName().toString().replace(".kamelet.yaml", "");
        assertEquals("camel.apache.org/v1", kamelet.path("apiVersion").asText());
        assertEquals("Kamelet", kamelet.path("kind").asText());
        assertEquals(name, kamelet.path("metadata").path("name").asText());
        String type = kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
        assertTrue(name.endsWith("-" + type), name + " has type " + type);
        JsonNode definition = kamelet.path("spec").path("definition");
        assertFalse(definition.path("title").asText().isBlank());
        assertFalse(definition.path("description").asText().isBlank());
        assertEquals("object", definition.path("type").asText());
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyPropertyHasATitleADescriptionAndAType(Path file) throws IOException {
        JsonNode definition = read(file).path("spec").path("definition");
        definition.path("properties").properties().forEach(p -> {
            for (String key : List.of("title", "description", "type")) {
                assertFalse(p.getValue().path(key).asText().isBlank(), file + ": " + p.getKey() + " lacks " + key);
            }
        });
        for (JsonNode required : definition.path("required")) {
            assertTrue(definition.path("properties").has(required.asText()), file + ": required " + required + " undefined");
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void dependsOnThisVersionOfTheComponent(Path file) throws IOException {
        String coordinates = "mvn:io.github.camelzoho:camel-zoho-attachments:" + System.getProperty("project.version");
        List<String> dependencies = new ArrayList<>();
        read(file).path("spec").path("dependencies").forEach(d -> dependencies.add(d.asText()));
        assertTrue(dependencies.contains(coordinates), file + " " + dependencies + " lacks " + coordinates);
        assertTrue(dependencies.contains("camel:kamelet"), file.toString());
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyPlaceholderIsAPropertyAndEveryPropertyIsUsed(Path file) throws IOException {
        JsonNode spec = read(file).path("spec");
        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(spec.path("template").toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> defined = new TreeSet<>();
        spec.path("definition").path("properties").fieldNames().forEachRemaining(defined::add);
        assertEquals(defined, used, file.toString());
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyComponentOptionIsKnownAndEnumsMatchTheDescriptor(Path file) throws IOException {
        JsonNode descriptor = componentDescriptor();
        JsonNode spec = read(file).path("spec");
        List<JsonNode> endpoints = new ArrayList<>();
        collectZohoEndpoints(spec.path("template"), endpoints);
        assertFalse(endpoints.isEmpty(), file + " uses no zoho-attachments endpoint");
        for (JsonNode endpoint : endpoints) {
            endpoint.path("parameters").fieldNames().forEachRemaining(option -> assertTrue(
                    descriptor.path("properties").has(option), file + ": unknown zoho-attachments option " + option));
        }
        JsonNode dataCenter = spec.path("definition").path("properties").path("dataCenter");
        assertEquals(descriptor.path("properties").path("dataCenter").path("enum"), dataCenter.path("enum"));
        assertEquals(descriptor.path("properties").path("dataCenter").path("defaultValue").asText(),
                dataCenter.path("default").asText());
    }

    /** Every {uri: zoho-attachments:..., parameters: {...}} in the template. */
    private static void collectZohoEndpoints(JsonNode node, List<JsonNode> found) {
        if (node.path("uri").asText().startsWith("zoho-attachments:")) {
            found.add(node);
        }
        node.forEach(child -> collectZohoEndpoints(child, found));
    }

    static JsonNode componentDescriptor() throws IOException {
        try (InputStream in = KameletDefinitionsTest.class
                .getResourceAsStream("/META-INF/io/github/camelzoho/attachments/zoho-attachments.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
