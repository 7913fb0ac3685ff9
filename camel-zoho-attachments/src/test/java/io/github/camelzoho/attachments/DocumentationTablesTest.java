package io.github.camelzoho.attachments;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The option and header tables of the README are generated from the component's JSON descriptor, so the documentation cannot
 * drift from the code. Run with {@code -Dzoho.docs.update=true} to rewrite them.
 */
class DocumentationTablesTest {

    private static final String DESCRIPTOR = "/META-INF/io/github/camelzoho/attachments/zoho-attachments.json";
    /** Camel's own options every endpoint of this kind has; documented by Camel. */
    private static final Set<String> CAMEL_STANDARD = Set.of("bridgeErrorHandler", "exceptionHandler", "exchangePattern",
            "pollStrategy", "lazyStartProducer", "sendEmptyMessageWhenIdle");
    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeTablesMatchTheDescriptor() throws Exception {
        JsonNode descriptor = descriptor();
        String readme = Files.readString(README);
        String expected = replaceBetween(replaceBetween(readme, "options", optionsTable(descriptor)), "headers",
                headersTable(descriptor));
        if (Boolean.getBoolean("zoho.docs.update")) {
            Files.writeString(README, expected);
            return;
        }
        assertEquals(expected, readme,
                "README.md's tables are out of date: run mvn -pl camel-zoho-attachments test -Dtest=DocumentationTablesTest"
                        + " -Dzoho.docs.update=true");
    }

    static JsonNode descriptor() throws Exception {
        try (InputStream in = DocumentationTablesTest.class.getResourceAsStream(DESCRIPTOR)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static String optionsTable(JsonNode descriptor) {
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
                    .append(" | ").append(cell(o.path("description").asText()))
                    .append(o.has("enum") ? " One of: " + enumValues(o) + "." : "").append(" |\n");
        }
        return table.toString();
    }

    static String headersTable(JsonNode descriptor) {
        StringBuilder table = new StringBuilder("| header | used by | description |\n|---|---|---|\n");
        for (Map.Entry<String, JsonNode> header : descriptor.path("headers").properties()) {
            table.append("| `").append(header.getKey()).append("` | ").append(header.getValue().path("label").asText())
                    .append(" | ").append(cell(header.getValue().path("description").asText())).append(" |\n");
        }
        return table.toString();
    }

    private static String enumValues(JsonNode option) {
        StringBuilder values = new StringBuilder();
        option.path("enum")
                .forEach(v -> values.append(values.isEmpty() ? "" : ", ").append('`').append(v.asText()).append('`'));
        return values.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static String replaceBetween(String text, String marker, String content) {
        String start = "<!-- " + marker + ":start -->\n";
        String end = "<!-- " + marker + ":end -->";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new AssertionError("README.md lacks the markers " + start.trim() + " and " + end);
        }
        return text.substring(0, from + start.length()) + content + text.substring(to);
    }
}
