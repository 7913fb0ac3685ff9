package io.github.camelzoho.examples.springboot;

import java.util.regex.Pattern;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example application with its own application.properties and the offline profile, against the bundled server (on a free
 * port instead of 8080): what it prints is what the README shows. The consumer polls every 500 ms here (5 s offline), so that
 * the test sees further polls before it concludes that each attachment came once.
 */
@SpringBootTest(properties = {"camel.main.run-controller=false", "zoho.poll-delay=500"})
@ActiveProfiles("offline")
@ExtendWith(OutputCaptureExtension.class)
class ZohoAttachmentsApplicationTest {

    static final ZohoTestServer ZOHO = ZohoTestServer.start();

    static {
        ZOHO.seedSampleData();
        ZOHO.registerClient(ZohoTestServer.DEMO_CLIENT_ID, ZohoTestServer.DEMO_CLIENT_SECRET,
                ZohoTestServer.DEMO_REFRESH_TOKEN);
    }

    @DynamicPropertySource
    static void zohoServer(DynamicPropertyRegistry registry) {
        registry.add("camel.component.zoho-attachments.accounts-domain", ZOHO::baseUrl);
        registry.add("camel.component.zoho-attachments.api-domain", ZOHO::baseUrl);
    }

    @AfterAll
    static void stopServer() {
        ZOHO.close();
    }

    @Test
    void theRoutesPrintTheAttachmentsOfTheSampleLeadsAndEachNewAttachmentOnceOverFurtherPolls(CapturedOutput output)
            throws InterruptedException {
        String lead = ZohoTestServer.SAMPLE_LEAD_ID;
        String[] expected = {
                // the Java route (producer), once at start-up
                "Leads record " + lead + " has 4 attachment(s)",
                "Leads record " + ZohoTestServer.SAMPLE_EMPTY_LEAD_ID + " has 0 attachment(s)",
                "  Image.jpg (22 bytes, id 4876876000001000001)",
                // the YAML route (consumer), each attachment once
                "New attachment Image.jpg (22 bytes) on record " + lead,
                "New attachment Requirements.txt (74 bytes) on record " + lead,
                "New attachment Proposal.pdf (50 bytes) on record " + lead,
                "New attachment Company website (0 bytes) on record " + lead};
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!containsAll(output.getOut(), expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (String line : expected) {
            assertTrue(output.getOut().contains(line), "missing: " + line + "\n" + output.getOut());
        }
        // a duplicate would come with a later poll: wait for two more listings of the lead, then count
        String listing = "/crm/v8/Leads/" + lead + "/Attachments";
        long before = firstPageListings(listing);
        long pollsDeadline = System.nanoTime() + 20_000_000_000L;
        while (firstPageListings(listing) < before + 2) {
            assertTrue(System.nanoTime() < pollsDeadline, "no two further polls of " + listing + " within 20 s");
            Thread.sleep(50);
        }
        for (String line : expected) {
            if (line.startsWith("New attachment ")) {
                assertEquals(1, output.getOut().split(Pattern.quote(line), -1).length - 1, "once: " + line);
            }
        }
        assertEquals(1, ZOHO.tokensMinted(), "one access token for both routes");
    }

    private static long firstPageListings(String path) {
        return ZOHO.requests("GET", path).stream().filter(r -> "1".equals(r.queryParam("page"))).count();
    }

    private static boolean containsAll(String text, String... lines) {
        for (String line : lines) {
            if (!text.contains(line)) {
                return false;
            }
        }
        return true;
    }
}
