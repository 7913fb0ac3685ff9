package io.github.camelzoho.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Camel K Pipe manifest parses, binds Kamelets that exist (ours in ../kamelets, the rest in the Apache Camel Kamelet
 * catalog) with properties they define, and runs: camel-main's YAML DSL loads the Pipe file as Camel JBang does.
 */
class PipeTest {

    static final Path PIPE = Path.of("..", "kamelets", "pipes", "zoho-crm-new-attachments-to-log.pipe.yaml");
    private static final List<String> FROM_SECRET = List.of("clientId", "clientSecret", "refreshToken");
    private static final String SECRET_PREFIX = "camel.kamelet.zoho-crm-attachment-source.";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final LogCapture sink = LogCapture.of("log-sink");

    @AfterEach
    void close() {
        sink.close();
        zoho.close();
    }

    @Test
    void manifestIsAPipeBindingKameletsThatExistWithPropertiesTheyDefine() throws IOException {
        JsonNode pipe = YAML.readTree(PIPE.toFile());
        assertEquals("camel.apache.org/v1", pipe.path("apiVersion").asText());
        assertEquals("Pipe", pipe.path("kind").asText());
        assertEquals("zoho-crm-attachment-source", pipe.path("spec").path("source").path("ref").path("name").asText());
        for (String end : List.of("source", "sink")) {
            JsonNode ref = pipe.path("spec").path(end).path("ref");
            assertEquals("Kamelet", ref.path("kind").asText(), end);
            JsonNode definition = kamelet(ref.path("name").asText()).path("spec").path("definition");
            JsonNode given = pipe.path("spec").path(end).path("properties");
            given.fieldNames().forEachRemaining(p -> assertTrue(definition.path("properties").has(p),
                    end + " " + ref.path("name").asText() + " has no property " + p));
            // The credentials come from the mounted secret, never from the manifest.
            definition.path("required").forEach(r -> assertTrue(given.has(r.asText()) || FROM_SECRET.contains(r.asText()),
                    end + " lacks " + r));
            FROM_SECRET.forEach(secret -> assertFalse(given.has(secret), secret + " belongs in the secret"));
        }
    }

    @Test
    void pipeRunsAndEveryNewAttachmentReachesTheSinkOnceOverFurtherPolls(@TempDir Path dir) throws Exception {
        zoho.seedSampleData();
        // The manifest as written but for its period (60 s), so that further polls come within the test: a duplicate would
        // come with one of them.
        String manifest = Files.readString(PIPE);
        assertEquals(1, manifest.split("period: 60000\n", -1).length - 1, "the Pipe sets period: 60000 once");
        Path pipe = Files.writeString(dir.resolve(PIPE.getFileName()), manifest.replace("period: 60000\n", "period: 500\n"));
        String listing = "/crm/v8/Leads/" + ZohoTestServer.SAMPLE_LEAD_ID + "/Attachments";
        try (CamelMainApp app = CamelMainApp.with(zoho).routes("file:" + pipe)
                // what the secret Camel K mounts holds
                .property(SECRET_PREFIX + "clientId", ZohoTestServer.DEMO_CLIENT_ID)
                .property(SECRET_PREFIX + "clientSecret", ZohoTestServer.DEMO_CLIENT_SECRET)
                .property(SECRET_PREFIX + "refreshToken", ZohoTestServer.DEMO_REFRESH_TOKEN)
                .doneWhen(c -> new NotifyBuilder(c).fromRoute("zoho-crm-new-attachments-to-log").whenCompleted(4).create())
                .start()) {
            app.awaitDone();
            long before = firstPageListings(listing);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (firstPageListings(listing) < before + 2) {
                assertTrue(System.nanoTime() < deadline, "no two further polls of " + listing + " within 20 s");
                Thread.sleep(50);
            }
        }

        List<String> logged = sink.messages();
        assertEquals(4, logged.size(), logged.toString());
        for (String file : List.of("Image.jpg", "Requirements.txt", "Proposal.pdf", "Company website")) {
            assertEquals(1, logged.stream().filter(l -> l.contains("\"File_Name\":\"" + file + "\"")).count(), file);
        }
        assertTrue(logged.stream().allMatch(l -> l.contains("CamelZohoAttachmentId=")), logged.get(0));
    }

    private long firstPageListings(String path) {
        return zoho.requests("GET", path).stream().filter(r -> "1".equals(r.queryParam("page"))).count();
    }

    private static JsonNode kamelet(String name) throws IOException {
        Path ours = KameletDefinitionsTest.KAMELETS.resolve(name + ".kamelet.yaml");
        if (Files.exists(ours)) {
            return YAML.readTree(ours.toFile());
        }
        // The Apache Camel Kamelet catalog (camel-kamelets) on the test classpath
        try (var in = PipeTest.class.getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            assertTrue(in != null, "no Kamelet named " + name);
            return YAML.readTree(in);
        }
    }
}
