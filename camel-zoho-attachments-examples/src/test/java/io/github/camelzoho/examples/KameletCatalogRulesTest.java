package io.github.camelzoho.examples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.camelzoho.examples.KameletDefinitionsTest.componentDescriptor;
import static io.github.camelzoho.examples.KameletDefinitionsTest.kamelets;
import static io.github.camelzoho.examples.KameletDefinitionsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules of the Apache Camel Kamelet catalog (apache/camel-kamelets: its README's conventions, the Go validator
 * {@code script/validator/validator.go} and the {@code kamelets-maven-plugin} validate goal), applied to every file of
 * ../kamelets, plus the catalog's practice for what the validator does not enforce (vendor namespaces, {@code types} and
 * {@code dataTypes} on the Kamelets that declare what they emit, secrets as passwords but not ids).
 * <p>
 * One deliberate difference: the catalog requires {@code camel.apache.org/provider: "Apache Software Foundation"} of the
 * Kamelets in its own repository. These are not the ASF's, so they must not claim to be: the provider is this project.
 */
class KameletCatalogRulesTest {

    /** The catalog README: an embedded {@code data:image} URL, SVG preferred; never a link to an external location. */
    private static final String SVG_DATA_URI = "data:image/svg+xml;base64,";
    private static final Set<String> TYPES = Set.of("source", "sink", "action");
    private static final Set<String> SUPPORT_LEVELS = Set.of("Stable", "Preview", "Deprecated");
    /** The validator's placeholder pattern: {{name}}, {{?name}} and {{name:default}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[?]?([A-Za-z0-9-._]+)(?::[^}]*)?}}");
    private static final String CREDENTIALS = "urn:camel:group:credentials";
    /** Words a property title may leave in lower case (the validator drops English stop words before its check). */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "as", "at", "between", "by", "for", "from", "in",
            "into", "of", "on", "or", "per", "the", "to", "with");
    /** What the component's consumer and producers set or read, from its JSON descriptor, plus the file component's. */
    private static final String CAMEL_FILE_NAME = "CamelFileName";

    static List<Path> kameletFiles() throws IOException {
        return kamelets();
    }

    @Test
    void titlesAndDescriptionsAreUniqueAndEveryKameletHasTheSameCatalogVersion() throws IOException {
        Set<String> titles = new HashSet<>();
        Set<String> descriptions = new HashSet<>();
        Set<String> catalogVersions = new TreeSet<>();
        for (Path file : kamelets()) {
            JsonNode kamelet = read(file);
            JsonNode definition = kamelet.path("spec").path("definition");
            assertTrue(titles.add(definition.path("title").asText()), file + ": duplicate title");
            assertTrue(descriptions.add(definition.path("description").asText()), file + ": duplicate description");
            catalogVersions.add(annotation(kamelet, "camel.apache.org/catalog.version"));
        }
        assertEquals(Set.of(System.getProperty("project.version")), catalogVersions,
                "camel.apache.org/catalog.version must be this project's version on every Kamelet");
    }

    @ParameterizedTest
    @MethodSource("kameletFiles")
    void titleEndsWithItsTypeAndRequiredPropertiesAreListedOnce(Path file) throws IOException {
        JsonNode kamelet = read(file);
        String type = kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
        assertTrue(TYPES.contains(type), file + ": kamelet.type " + type);
        String title = kamelet.path("spec").path("definition").path("title").asText();
        assertTrue(title.endsWith(" " + type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1)),
                file + ": title '" + title + "' must end with its type");
        List<String> required = new ArrayList<>();
        kamelet.path("spec").path("definition").path("required").forEach(r -> required.add(r.asText()));
        assertEquals(new TreeSet<>(required).size(), required.size(), file + ": required lists a property twice " + required);
    }

    @ParameterizedTest
    @MethodSource("kameletFiles")
    void iconIsAnEmbeddedSvgWithNoExternalReference(Path file) throws Exception {
        String icon = annotation(read(file), "camel.apache.org/kamelet.icon");
        assertTrue(icon.startsWith(SVG_DATA_URI), file + ": camel.apache.org/kamelet.icon must be a " + SVG_DATA_URI + " URL");
        byte[] svg = Base64.getDecoder().decode(icon.substring(SVG_DATA_URI.length()));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document document = builder.parse(new ByteArrayInputStream(svg));
        assertEquals("svg", document.getDocumentElement().getLocalName(), file.toString());
        assertEquals("http://www.w3.org/2000/svg", document.getDocumentElement().getNamespaceURI(), file.toString());
        assertFalse(document.getDocumentElement().getAttribute("viewBox").isBlank(), file + ": the icon must scale (viewBox)");
        String text = new String(svg, StandardCharsets.UTF_8);
        assertFalse(text.matches("(?s).*(href|src)\\s*=\\s*[\"'](https?:|//).*"), file + ": the icon links outside");
        assertFalse(text.contains("<image"), file + ": the icon embeds a raster image");
    }

    @ParameterizedTest
    @MethodSource("kameletFiles")
    void namespaceIsTheVendorAndTheProviderIsThisProject(Path file) throws IOException {
        JsonNode kamelet = read(file);
        assertEquals("Zoho", annotation(kamelet, "camel.apache.org/kamelet.namespace"),
                file + ": the catalog groups SaaS Kamelets by vendor (Salesforce, JIRA, AWS...)");
        assertEquals("Zoho CRM", annotation(kamelet, "camel.apache.org/kamelet.group"), file.toString());
        String provider = annotation(kamelet, "camel.apache.org/provider");
        assertEquals("camel-zoho-attachments", provider, file.toString());
        assertNotEquals("Apache Software Foundation", provider, file.toString());
        assertTrue(SUPPORT_LEVELS.contains(annotation(kamelet, "camel.apache.org/kamelet.support.level")), file.toString());
    }

    @ParameterizedTest
    @MethodSource("kameletFiles")
    void propertyTitlesAreCapitalisedAndDoNotStartWithAnArticle(Path file) throws IOException {
        read(file).path("spec").path("definition").path("properties").properties().forEach(p -> {
            String title = p.getValue().path("title").asText();
            for (String article : List.of("The ", "A ", "An ")) {
                assertFalse(title.startsWith(article), file + ": " + p.getKey() + " title starts with '" + article + "'");
            }
            for (String word : title.split(" ")) {
                if (!word.isEmpty() && !STOP_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                    assertTrue(Character.isUpperCase(word.charAt(0)) || !Character.isLetter(word.charAt(0)),
                            file + ": " + p.getKey() + " title has a word in lower case: " + word);
                }
            }
        });
    }

    /**
     * Secrets are passwords (Kaoto and the Camel K tooling mask them) in the credentials group; the client id is not a secret,
     * so it is in the credentials group but shown (the catalog's Salesforce Kamelets do the same with theirs).
     */
    @ParameterizedTest
    @MethodSource("kameletFiles")
    void secretsArePasswordsIdsAreNotAndDescriptorsAreCurrent(Path file) throws IOException {
        JsonNode properties = read(file).path("spec").path("definition").path("properties");
        for (String secret : List.of("clientSecret", "refreshToken")) {
            assertEquals("password", properties.path(secret).path("format").asText(), file + ": " + secret);
        }
        assertTrue(properties.path("clientId").path("format").isMissingNode(), file + ": clientId is not a password");
        assertTrue(descriptors(properties.path("clientId")).contains(CREDENTIALS), file + ": clientId");
        properties.properties().forEach(p -> {
            List<String> descriptors = descriptors(p.getValue());
            if ("password".equals(p.getValue().path("format").asText())) {
                assertTrue(descriptors.contains(CREDENTIALS), file + ": password " + p.getKey() + " lacks " + CREDENTIALS);
            }
            assertEquals(new TreeSet<>(descriptors).size(), descriptors.size(),
                    file + ": " + p.getKey() + " repeats a descriptor");
            descriptors.forEach(d -> assertFalse(d.startsWith("urn:alm:descriptor:com.tectonic.ui"),
                    file + ": " + p.getKey() + " uses the deprecated descriptor " + d));
        });
    }

    @ParameterizedTest
    @MethodSource("kameletFiles")
    void everyPlaceholderIsDeclaredAndEveryPropertyIsUsed(Path file) throws IOException {
        JsonNode spec = read(file).path("spec");
        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(spec.path("template").toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> declared = new TreeSet<>();
        spec.path("definition").path("properties").fieldNames().forEachRemaining(declared::add);
        spec.path("template").path("beans").forEach(bean -> declared.add(bean.path("name").asText()));
        assertEquals(declared, used, file.toString());
    }

    @ParameterizedTest
    @MethodSource("kameletFiles")
    void aSourceRoutesToKameletSinkAndASinkConsumesFromKameletSource(Path file) throws IOException {
        JsonNode kamelet = read(file);
        String type = kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
        JsonNode template = kamelet.path("spec").path("template");
        switch (type) {
            case "source" ->
                assertTrue(template.toString().contains("\"kamelet:sink\""), file + " never sends to kamelet:sink");
            case "sink", "action" ->
                assertEquals("kamelet:source", template.path("from").path("uri").asText(), file.toString());
            default -> fail(file + ": type " + type);
        }
    }

    @ParameterizedTest
    @MethodSource("kameletFiles")
    void dependenciesUseTheCatalogsSyntax(Path file) throws IOException {
        JsonNode dependencies = read(file).path("spec").path("dependencies");
        assertFalse(dependencies.isEmpty(), file.toString());
        for (JsonNode dependency : dependencies) {
            String d = dependency.asText();
            assertTrue(d.matches("camel:[a-z0-9-]+") || d.matches("mvn:[^:]+:[^:]+:[^:]+") || d.startsWith("github:apache/"),
                    file + ": dependency " + d + " is not camel:<component>, mvn:group:artifact:version or github:apache/...");
        }
    }

    /**
     * {@code types}: the media type of what goes in and comes out, the way every catalog Kamelet declares it; a source has no
     * input, a sink no output.
     */
    @ParameterizedTest
    @MethodSource("kameletFiles")
    void declaresTheMediaTypeOfWhatItConsumesAndEmits(Path file) throws IOException {
        JsonNode kamelet = read(file);
        String type = kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
        JsonNode types = kamelet.path("spec").path("types");
        assertEquals(!type.equals("source"), types.has("in"), file + ": types.in");
        assertEquals(!type.equals("sink"), types.has("out"), file + ": types.out");
        types.properties()
                .forEach(t -> assertTrue(t.getValue().path("mediaType").asText().matches("[a-z]+/[a-z0-9.+-]+"),
                        file + ": types." + t.getKey() + ".mediaType"));
    }

    /**
     * {@code dataTypes}, as the catalog's aws-s3-source or google-sheets-source declare them: for each direction, a default
     * type among the listed ones, each with a description, a media type and a format Camel resolves to a data type transformer;
     * the headers with a title, a description and a type, each a header the component really sets or reads.
     */
    @ParameterizedTest
    @MethodSource("kameletFiles")
    void dataTypesNameTheBodyAndTheHeadersOfEachDirection(Path file) throws IOException {
        JsonNode kamelet = read(file);
        JsonNode types = kamelet.path("spec").path("types");
        JsonNode dataTypes = kamelet.path("spec").path("dataTypes");
        assertFalse(dataTypes.isMissingNode(), file + " declares no dataTypes");
        Set<String> directions = new TreeSet<>();
        types.fieldNames().forEachRemaining(directions::add);
        Set<String> declaredDirections = new TreeSet<>();
        dataTypes.fieldNames().forEachRemaining(declaredDirections::add);
        assertEquals(directions, declaredDirections, file + ": dataTypes must cover the directions of types");

        Set<String> knownHeaders = new TreeSet<>();
        componentDescriptor().path("headers").fieldNames().forEachRemaining(knownHeaders::add);
        knownHeaders.add(CAMEL_FILE_NAME);
        for (Map.Entry<String, JsonNode> direction : dataTypes.properties()) {
            String where = file + ": dataTypes." + direction.getKey();
            String defaultType = direction.getValue().path("default").asText();
            JsonNode dataType = direction.getValue().path("types").path(defaultType);
            assertFalse(dataType.isMissingNode(), where + ": default '" + defaultType + "' is not among its types");
            assertEquals(types.path(direction.getKey()).path("mediaType").asText(), dataType.path("mediaType").asText(),
                    where + ": the default data type's mediaType must be the one in types");
            direction.getValue().path("types").properties().forEach(t -> {
                assertFalse(t.getValue().path("description").asText().isBlank(), where + ".types." + t.getKey());
                assertFalse(t.getValue().path("mediaType").asText().isBlank(), where + ".types." + t.getKey());
                String format = t.getValue().path("format").asText();
                assertNotNull(getClass().getResource("/META-INF/services/org/apache/camel/transformer/" + format),
                        where + ".types." + t.getKey() + ": no Camel data type transformer named '" + format + "'");
            });
            JsonNode headers = direction.getValue().path("headers");
            assertFalse(headers.isEmpty(), where + ": the CamelZoho* headers are not declared");
            headers.properties().forEach(h -> {
                assertTrue(knownHeaders.contains(h.getKey()), where + ": " + h.getKey() + " is not a header of the component");
                for (String key : List.of("title", "description", "type")) {
                    assertFalse(h.getValue().path(key).asText().isBlank(), where + ".headers." + h.getKey() + " lacks " + key);
                }
            });
        }
    }

    /** The JSON a Kamelet emits or reads is described by a schema naming Zoho's keys. */
    @ParameterizedTest
    @MethodSource("kameletFiles")
    void jsonDataTypesCarryASchema(Path file) throws IOException {
        read(file).path("spec").path("dataTypes").properties()
                .forEach(direction -> direction.getValue().path("types").properties().forEach(t -> {
                    if ("application/json".equals(t.getValue().path("mediaType").asText())) {
                        JsonNode schema = t.getValue().path("schema");
                        assertFalse(schema.path("type").asText().isBlank(), file + ": " + t.getKey() + " has no schema");
                        JsonNode object = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
                        assertFalse(object.path("properties").isEmpty(), file + ": " + t.getKey() + " schema lists no key");
                        object.path("required").forEach(r -> assertTrue(object.path("properties").has(r.asText()),
                                file + ": " + t.getKey() + " schema requires undeclared " + r));
                    }
                }));
    }

    private static String annotation(JsonNode kamelet, String name) {
        return kamelet.path("metadata").path("annotations").path(name).asText();
    }

    private static List<String> descriptors(JsonNode property) {
        List<String> descriptors = new ArrayList<>();
        property.path("x-descriptors").forEach(d -> descriptors.add(d.asText()));
        return descriptors;
    }
}
