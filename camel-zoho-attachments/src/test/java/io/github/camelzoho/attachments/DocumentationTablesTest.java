package io.github.camelzoho.attachments;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The option and header tables of the reference documentation ({@code src/main/docs/zoho-attachments-component.adoc}) and its
 * header attributes are generated from the component's JSON descriptor, so the documentation cannot drift from the code; so are
 * the README's tables where it has them (between {@code <!-- options:start -->} / {@code <!-- headers:start -->} markers). Run
 * with {@code -Dzoho.docs.update=true} to rewrite them.
 */
class DocumentationTablesTest {

    private static final String DESCRIPTOR = "/META-INF/io/github/camelzoho/attachments/zoho-attachments.json";
    /** Camel's own options every endpoint of this kind has; documented by Camel, left out of the README. */
    private static final Set<String> CAMEL_STANDARD = Set.of("bridgeErrorHandler", "exceptionHandler", "exchangePattern",
            "pollStrategy", "lazyStartProducer", "sendEmptyMessageWhenIdle");
    private static final Path README = Path.of("..", "README.md");
    private static final Path ADOC = Path.of("src", "main", "docs", "zoho-attachments-component.adoc");
    private static final String UPDATE = "run mvn -pl camel-zoho-attachments test -Dtest=DocumentationTablesTest"
            + " -Dzoho.docs.update=true";

    @Test
    void referenceDocumentationMatchesTheDescriptor() throws Exception {
        JsonNode descriptor = descriptor();
        String adoc = Files.readString(ADOC);
        String expected = adoc;
        JsonNode component = descriptor.path("component");
        expected = attribute(expected, "doctitle", component.path("title").asText());
        expected = attribute(expected, "shortname", component.path("scheme").asText());
        expected = attribute(expected, "artifactid", component.path("artifactId").asText());
        expected = attribute(expected, "description", component.path("description").asText());
        expected = attribute(expected, "since", since(component.path("firstVersion").asText()));
        expected = attribute(expected, "supportlevel", component.path("supportLevel").asText());
        expected = replaceBetween(expected, "// component-options:start\n", "// component-options:end",
                adocTable(descriptor.path("componentProperties"), o -> true));
        expected = replaceBetween(expected, "// endpoint-path-options:start\n", "// endpoint-path-options:end",
                adocTable(descriptor.path("properties"), o -> o.path("kind").asText().equals("path")));
        expected = replaceBetween(expected, "// endpoint-query-options:start\n", "// endpoint-query-options:end",
                adocTable(descriptor.path("properties"), o -> !o.path("kind").asText().equals("path")));
        expected = replaceBetween(expected, "// headers:start\n", "// headers:end",
                adocTable(descriptor.path("headers"), o -> true));
        check(ADOC, adoc, expected);
    }

    @Test
    void readmeTablesWhereThereAreAnyMatchTheDescriptor() throws Exception {
        JsonNode descriptor = descriptor();
        String readme = Files.readString(README);
        String expected = readme;
        if (expected.contains("<!-- options:start -->")) {
            expected = replaceBetween(expected, "<!-- options:start -->\n", "<!-- options:end -->",
                    markdownOptionsTable(descriptor));
        }
        if (expected.contains("<!-- headers:start -->")) {
            expected = replaceBetween(expected, "<!-- headers:start -->\n", "<!-- headers:end -->",
                    markdownHeadersTable(descriptor));
        }
        check(README, readme, expected);
        assertTrue(readme.contains("camel-zoho-attachments/src/main/docs/zoho-attachments-component.adoc"),
                "README.md must link the reference documentation");
    }

    private static void check(Path file, String actual, String expected) throws Exception {
        if (Boolean.getBoolean("zoho.docs.update")) {
            Files.writeString(file, expected);
            return;
        }
        assertEquals(expected, actual, file + " is out of date with the component's descriptor: " + UPDATE);
    }

    static JsonNode descriptor() throws Exception {
        try (InputStream in = DocumentationTablesTest.class.getResourceAsStream(DESCRIPTOR)) {
            return new ObjectMapper().readTree(in);
        }
    }

    // ---- AsciiDoc, in the shape of Camel's own component pages

    static String adocTable(JsonNode options, Predicate<JsonNode> filter) {
        StringBuilder table = new StringBuilder("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> entry : options.properties()) {
            JsonNode o = entry.getValue();
            if (!filter.test(o)) {
                continue;
            }
            String group = o.path("group").asText();
            String flags = (o.path("required").asBoolean() ? " *required*" : "")
                    + (o.path("secret").asBoolean() ? " *secret*" : "");
            table.append("| *").append(entry.getKey()).append("*").append(group.isEmpty() ? "" : " (" + group + ")")
                    .append(flags).append(" | ").append(adocCell(o.path("description").asText()))
                    .append(o.has("enum") ? " One of: " + enumValues(o, "`") + "." : "")
                    .append(" | ").append(o.hasNonNull("defaultValue") ? "`+" + o.path("defaultValue").asText() + "+`" : "")
                    .append(" | ").append(adocCell(simpleType(o.path("javaType").asText()))).append('\n');
        }
        return table.append("|===\n").toString();
    }

    /** {@code java.util.Map<java.lang.String, java.lang.Object>} becomes {@code Map<String, Object>}. */
    static String simpleType(String javaType) {
        return javaType.replaceAll("[a-z][a-z0-9_]*\\.", "");
    }

    private static String adocCell(String text) {
        // | ends a cell; { starts an attribute reference
        return text.replace("|", "\\|").replace("{", "\\{").replace("\n", " ");
    }

    private static String since(String firstVersion) {
        Matcher m = Pattern.compile("(\\d+\\.\\d+).*").matcher(firstVersion);
        return m.matches() ? m.group(1) : firstVersion;
    }

    private static String attribute(String adoc, String name, String value) {
        Pattern line = Pattern.compile("^:" + Pattern.quote(name) + ":.*$", Pattern.MULTILINE);
        assertTrue(line.matcher(adoc).find(), ADOC + " lacks the attribute :" + name + ":");
        return line.matcher(adoc).replaceFirst(Matcher.quoteReplacement(":" + name + ": " + value));
    }

    // ---- Markdown, for the README

    static String markdownOptionsTable(JsonNode descriptor) {
        StringBuilder table = new StringBuilder("| option | group | default | description |\n|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> option : descriptor.path("properties").properties()) {
            JsonNode o = option.getValue();
            if (o.path("label").asText().contains("scheduler") || CAMEL_STANDARD.contains(option.getKey())) {
                continue;
            }
            String group = o.path("kind").asText().equals("path") ? "path" : o.path("label").asText("common");
            String flags = (o.path("required").asBoolean() ? " **required**" : "")
                    + (o.path("secret").asBoolean() ? " *secret*" : "");
            table.append("| `").append(option.getKey()).append("`").append(flags).append(" | ").append(group).append(" | ")
                    .append(o.hasNonNull("defaultValue") ? "`" + o.path("defaultValue").asText() + "`" : "")
                    .append(" | ").append(markdownCell(o.path("description").asText()))
                    .append(o.has("enum") ? " One of: " + enumValues(o, "`") + "." : "").append(" |\n");
        }
        return table.toString();
    }

    static String markdownHeadersTable(JsonNode descriptor) {
        StringBuilder table = new StringBuilder("| header | used by | description |\n|---|---|---|\n");
        for (Map.Entry<String, JsonNode> header : descriptor.path("headers").properties()) {
            table.append("| `").append(header.getKey()).append("` | ").append(header.getValue().path("label").asText())
                    .append(" | ").append(markdownCell(header.getValue().path("description").asText())).append(" |\n");
        }
        return table.toString();
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String enumValues(JsonNode option, String quote) {
        StringBuilder values = new StringBuilder();
        option.path("enum").forEach(
                v -> values.append(values.isEmpty() ? "" : ", ").append(quote).append(v.asText()).append(quote));
        return values.toString();
    }

    static String replaceBetween(String text, String start, String end, String content) {
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError("missing markers " + start.trim() + " and " + end);
        }
        return text.substring(0, from + start.length()) + content + text.substring(to);
    }
}
