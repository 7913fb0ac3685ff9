package io.github.camelzoho.examples.quarkus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.camelzoho.attachments.ZohoAttachmentsComponent;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Quarkus application in JVM mode, as {@code java -jar target/quarkus-app/quarkus-run.jar} runs it, against the bundled
 * server: the component is configured from application.properties, the consumer emits each attachment once, and each file lands
 * in the archive with the server's exact content.
 */
@QuarkusTest
@QuarkusTestResource(ZohoTestServerResource.class)
class ArchiveRoutesTest {

    @Inject
    CamelContext camelContext;

    @ConfigProperty(name = "archive.directory")
    Path archive;

    @Test
    void eachNewFileOfTheRecordsIsArchivedOnceWithItsContentOverFurtherPolls() throws Exception {
        ZohoTestServer zoho = ZohoTestServerResource.zoho;
        Path leadDirectory = archive.resolve("Leads").resolve(ZohoTestServer.SAMPLE_LEAD_ID);
        // the lead's three files; its fourth attachment is a link, which has no content
        Map<String, String> expected = new TreeMap<>();
        for (Map<String, Object> attachment : zoho.attachments("Leads", ZohoTestServer.SAMPLE_LEAD_ID)) {
            if (attachment.get("$link_url") == null) {
                String id = (String) attachment.get("id");
                expected.put(id + "-" + attachment.get("File_Name"), zoho.contentSha256(id));
            }
        }
        assertEquals(3, expected.size());

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (archived(leadDirectory).size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // a duplicate would come with a later poll: wait for two more listings of the lead before concluding "once"
        String listing = "/crm/v8/Leads/" + ZohoTestServer.SAMPLE_LEAD_ID + "/Attachments";
        long before = firstPageListings(zoho, listing);
        long pollsDeadline = System.nanoTime() + 20_000_000_000L;
        while (firstPageListings(zoho, listing) < before + 2) {
            assertTrue(System.nanoTime() < pollsDeadline, "no two further polls of " + listing + " within 20 s");
            Thread.sleep(50);
        }

        assertEquals(expected, archived(leadDirectory));
        assertEquals(3, zoho.requests("GET", ".+/Attachments/[0-9]+").size(), "each file downloaded once");
        assertEquals(1, zoho.tokensMinted(), "one access token for every request");
        // application.properties reached the component
        assertEquals(5, camelContext.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration()
                .getMaxConcurrentRequests());
    }

    private static long firstPageListings(ZohoTestServer zoho, String path) {
        return zoho.requests("GET", path).stream().filter(r -> "1".equals(r.queryParam("page"))).count();
    }

    /** File name to SHA-256 of the complete files in a directory (temporary .part- files left out). */
    private static Map<String, String> archived(Path directory) throws IOException, NoSuchAlgorithmException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.filter(f -> !f.getFileName().toString().startsWith(".part-")).toList()) {
                files.put(file.getFileName().toString(), sha256(file));
            }
        }
        return files;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

}
