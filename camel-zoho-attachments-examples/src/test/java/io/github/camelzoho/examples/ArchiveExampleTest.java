package io.github.camelzoho.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_EMPTY_LEAD_ID;
import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_LEAD_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * routes/archive-attachments.camel.yaml, loaded by camel-main's YAML DSL loader: consumer, then download, then file. Each
 * attachment's content and metadata land in the archive once, across restarts, and one whose archiving failed comes again.
 */
class ArchiveExampleTest {

    private static final String ROUTE = "archive-attachments";

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path archive;
    private Path recordDir;

    @BeforeEach
    void seed() {
        // Image.jpg, Requirements.txt, Proposal.pdf and a link on the sample lead; nothing on the empty lead.
        zoho.seedSampleData();
        recordDir = archive.resolve("Leads").resolve(SAMPLE_LEAD_ID);
    }

    @AfterEach
    void close() {
        zoho.close();
    }

    @Test
    void archivesTheContentAndTheMetadataOfEachAttachment() throws Exception {
        try (CamelMainApp app = archive(4).start()) {
            app.awaitDone();
        }

        for (Map<String, Object> attachment : zoho.attachments("Leads", SAMPLE_LEAD_ID)) {
            String id = (String) attachment.get("id");
            String name = (String) attachment.get("File_Name");
            JsonNode metadata = json.readTree(recordDir.resolve(id + ".json").toFile());
            assertEquals(name, metadata.path("File_Name").asText());
            assertEquals(SAMPLE_LEAD_ID, metadata.path("Parent_Id").path("id").asText());
            if (attachment.get("$link_url") == null) {
                assertArrayEquals(zoho.content(id), Files.readAllBytes(recordDir.resolve(id + "-" + name)), name);
            } else {
                assertEquals("https://www.zylker.com", metadata.path("$link_url").asText());
            }
        }
        // three files and their metadata, the link's metadata; nothing half-written, nothing for the empty lead
        assertEquals(7, files(recordDir).size(), files(recordDir).toString());
        assertFalse(Files.exists(archive.resolve("Leads").resolve(SAMPLE_EMPTY_LEAD_ID)));
        assertEquals(3, zoho.requests("GET", ".+/Attachments/\\d+").size());
    }

    @Test
    void aRestartArchivesOnlyWhatIsNew() throws Exception {
        try (CamelMainApp app = archive(4).start()) {
            app.awaitDone();
        }
        String added = (String) zoho.addAttachment("Leads", SAMPLE_LEAD_ID, "Signed-offer.pdf",
                "%PDF-1.4 signed".getBytes(StandardCharsets.UTF_8)).get("id");
        zoho.clearRequests();

        try (CamelMainApp app = archive(1).start()) {
            app.awaitDone();
        }

        assertEquals(List.of("GET /crm/v8/Leads/" + SAMPLE_LEAD_ID + "/Attachments/" + added),
                zoho.requests("GET", ".+/Attachments/\\d+").stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals("%PDF-1.4 signed", Files.readString(recordDir.resolve(added + "-Signed-offer.pdf")));
        assertEquals(9, files(recordDir).size());
    }

    @Test
    void anAttachmentWhoseDownloadFailedComesAgainAndTheOthersDoNot() throws Exception {
        String proposal = zoho.attachments("Leads", SAMPLE_LEAD_ID).stream()
                .filter(a -> "Proposal.pdf".equals(a.get("File_Name"))).map(a -> (String) a.get("id")).findFirst()
                .orElseThrow();
        zoho.fail("GET", ".+/Attachments/" + proposal).withZohoError(403, "NO_PERMISSION", "permission denied");

        // Four attachments archived, plus the failed attempt: five exchanges, over two polls.
        try (CamelMainApp app = archive(5).property("archive.pollDelay", "100").start()) {
            app.awaitDone();
        }

        assertEquals(2, zoho.requests("GET", ".+/Attachments/" + proposal).size());
        for (Map<String, Object> attachment : zoho.attachments("Leads", SAMPLE_LEAD_ID)) {
            if (attachment.get("$link_url") == null && !proposal.equals(attachment.get("id"))) {
                assertEquals(1, zoho.requests("GET", ".+/Attachments/" + attachment.get("id")).size(), attachment.toString());
            }
        }
        assertEquals(7, files(recordDir).size(), files(recordDir).toString());
    }

    /** The example as a user runs it, archiving into a fresh directory, done after {@code exchanges} exchanges. */
    private CamelMainApp.Builder archive(int exchanges) {
        return CamelMainApp.with(zoho)
                .routes("classpath:routes/archive-attachments.camel.yaml")
                .property("archive.directory", archive.toString())
                .doneWhen(context -> new NotifyBuilder(context).fromRoute(ROUTE).whenDone(exchanges).create());
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
