package io.github.camelzoho.examples;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_EMPTY_LEAD_ID;
import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_LEAD_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * routes/housekeeping.camel.xml, loaded by camel-main's XML DSL loader with the example's application.properties: deletes what
 * is older than housekeeping.maxAge or larger than housekeeping.maxSizeBytes, keeps the rest, and in dry-run mode (the default)
 * deletes nothing.
 */
class HousekeepingExampleTest {

    private static final String ROUTE = "attachment-housekeeping";
    private static final String LISTING = "/crm/v\\d+/Leads/" + SAMPLE_LEAD_ID + "/Attachments";

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final LogCapture log = LogCapture.of(ROUTE);
    private String oldId;
    private String largeId;

    @BeforeEach
    void seed() throws Exception {
        // Image.jpg, Requirements.txt, Proposal.pdf and a link on the sample lead; nothing on the empty lead.
        zoho.seedSampleData();
        largeId = (String) zoho.addGeneratedAttachment("Leads", SAMPLE_LEAD_ID, "Webinar-recording.mp4", 12_000_000)
                .get("id");
        oldId = idOf("Proposal.pdf");
        // The server dates every attachment now; the next listing says Proposal.pdf was added 400 days ago.
        zoho.fail("GET", LISTING).withStatus(200, listingWithCreatedTime(oldId, OffsetDateTime.now().minusDays(400)));
    }

    @AfterEach
    void close() {
        log.close();
        zoho.close();
    }

    @Test
    void dryRunIsOnByDefaultAndDeletesNothing() throws Exception {
        try (CamelMainApp app = housekeeping().start()) {
            app.awaitDone();
        }

        assertEquals(List.of(), zoho.requests("DELETE", ".*"));
        assertEquals(5, zoho.attachments("Leads", SAMPLE_LEAD_ID).size());
        List<String> wouldDelete = log.messages().stream().filter(m -> m.startsWith("DRY RUN: would delete")).toList();
        assertEquals(2, wouldDelete.size(), log.messages().toString());
        assertTrue(wouldDelete.get(0).contains("Webinar-recording.mp4 (id " + largeId + ", 12000000 bytes"),
                wouldDelete.get(0));
        assertTrue(wouldDelete.get(1).contains("Proposal.pdf (id " + oldId + ", 50 bytes"), wouldDelete.get(1));
    }

    @Test
    void deletesWhatIsTooOldOrTooLargeAndKeepsTheRest() throws Exception {
        try (CamelMainApp app = housekeeping().property("housekeeping.dryRun", "false").start()) {
            app.awaitDone();
        }

        assertEquals(List.of("/crm/v8/Leads/" + SAMPLE_LEAD_ID + "/Attachments/" + largeId,
                "/crm/v8/Leads/" + SAMPLE_LEAD_ID + "/Attachments/" + oldId),
                zoho.requests("DELETE", ".*").stream().map(r -> r.path()).toList());
        assertEquals(List.of("Company website", "Requirements.txt", "Image.jpg"), fileNames());
        assertTrue(log.messages().contains("Leads record " + SAMPLE_EMPTY_LEAD_ID + ": checking 0 attachment(s)"),
                log.messages().toString());
        assertEquals(2, log.messages().stream().filter(m -> m.startsWith("Deleted ")).count(), log.messages().toString());
    }

    @Test
    void ageAndSizeLimitsComeFromTheProperties() throws Exception {
        // Nothing is 500 days old and nothing is over 20 MB: nothing goes, even with dry run off.
        try (CamelMainApp app = housekeeping().property("housekeeping.dryRun", "false")
                .property("housekeeping.maxAge", "500d").property("housekeeping.maxSizeBytes", "20000000").start()) {
            app.awaitDone();
        }

        assertEquals(List.of(), zoho.requests("DELETE", ".*"));
        assertEquals(5, zoho.attachments("Leads", SAMPLE_LEAD_ID).size());
    }

    /** The example as a user runs it: the XML file, application.properties, the sample records. */
    private CamelMainApp.Builder housekeeping() {
        return CamelMainApp.with(zoho)
                .routes("classpath:routes/housekeeping.camel.xml")
                .doneWhen(context -> new NotifyBuilder(context).fromRoute(ROUTE).whenCompleted(1).create());
    }

    private List<String> fileNames() {
        return zoho.attachments("Leads", SAMPLE_LEAD_ID).stream().map(a -> (String) a.get("File_Name")).toList();
    }

    private String idOf(String fileName) {
        return zoho.attachments("Leads", SAMPLE_LEAD_ID).stream().filter(a -> fileName.equals(a.get("File_Name")))
                .map(a -> (String) a.get("id")).findFirst().orElseThrow();
    }

    /** The record's real listing, with one attachment's Created_Time moved to {@code created}. */
    private String listingWithCreatedTime(String attachmentId, OffsetDateTime created) throws Exception {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Map<String, Object> attachment : zoho.attachments("Leads", SAMPLE_LEAD_ID)) {
            Map<String, Object> copy = new LinkedHashMap<>(attachment);
            if (attachmentId.equals(copy.get("id"))) {
                copy.put("Created_Time", created.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30))
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
            data.add(copy);
        }
        Map<String, Object> info = Map.of("per_page", 200, "count", data.size(), "page", 1, "more_records", false);
        return new ObjectMapper().writeValueAsString(Map.of("data", data, "info", info));
    }
}
