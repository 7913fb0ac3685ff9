package io.github.camelzoho.examples;

import java.util.List;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_EMPTY_LEAD_ID;
import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_LEAD_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** routes/list-attachments.camel.yaml, loaded by camel-main's YAML DSL loader: one line per record and per attachment. */
class ListAttachmentsExampleTest {

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final LogCapture log = LogCapture.of("list-attachments");

    @AfterEach
    void close() {
        log.close();
        zoho.close();
    }

    @Test
    void logsEveryAttachmentOfEveryRecord() throws Exception {
        zoho.seedSampleData();
        try (CamelMainApp app = CamelMainApp.with(zoho).routes("classpath:routes/list-attachments.camel.yaml")
                .doneWhen(c -> new NotifyBuilder(c).fromRoute("list-attachments").whenCompleted(1).create()).start()) {
            app.awaitDone();
        }

        List<String> lines = log.messages();
        assertEquals("Leads record " + SAMPLE_LEAD_ID + " has 4 attachment(s)", lines.get(0));
        for (String file : List.of("Company website - 0 bytes", "Proposal.pdf - 50 bytes", "Requirements.txt - ",
                "Image.jpg - 22 bytes")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + file) && l.contains("by Patricia Boyle")),
                    file + " in " + lines);
        }
        assertEquals("Leads record " + SAMPLE_EMPTY_LEAD_ID + " has 0 attachment(s)", lines.get(5));
    }
}
