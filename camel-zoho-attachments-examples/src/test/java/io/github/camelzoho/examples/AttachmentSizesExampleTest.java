package io.github.camelzoho.examples;

import java.util.List;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import io.github.camelzoho.examples.AttachmentSizeReport.RecordSizes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_DEAL_ID;
import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_EMPTY_LEAD_ID;
import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_LEAD_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java DSL example, in camel-main with application.properties: sizes added up per record, on demand. */
class AttachmentSizesExampleTest {

    private final ZohoTestServer zoho = ZohoTestServer.start();

    @AfterEach
    void close() {
        zoho.close();
    }

    @Test
    void addsUpTheSizesOfEveryPageOfEachRecordInTheOrderAsked() throws Exception {
        zoho.seedSampleData();
        // 450 attachments on one record: three pages of 200.
        String busy = "4876876000000376099";
        long busyBytes = zoho.seedAttachments("Leads", busy, 450).stream().mapToLong(a -> Long.parseLong(a.get("Size") + ""))
                .sum();
        long sampleBytes = zoho.attachments("Leads", SAMPLE_LEAD_ID).stream()
                .mapToLong(a -> Long.parseLong(a.get("Size") + "")).sum();

        try (CamelMainApp app = CamelMainApp.with(zoho).setup(m -> m.configure().addRoutesBuilder(new AttachmentSizesRoutes()))
                .start()) {
            AttachmentSizeReport report = app.context().createProducerTemplate().requestBody(AttachmentSizesRoutes.ENDPOINT,
                    SAMPLE_LEAD_ID + ", " + busy + "," + SAMPLE_EMPTY_LEAD_ID, AttachmentSizeReport.class);

            assertEquals(List.of(new RecordSizes(SAMPLE_LEAD_ID, 4, sampleBytes), new RecordSizes(busy, 450, busyBytes),
                    new RecordSizes(SAMPLE_EMPTY_LEAD_ID, 0, 0)), report.records());
            assertEquals(sampleBytes + busyBytes, report.totalBytes());
        }
        assertEquals(5, zoho.requests("GET", "/crm/v8/Leads/.+/Attachments").size());
    }

    @Test
    void theModuleComesFromTheProperties() throws Exception {
        zoho.seedSampleData();
        try (CamelMainApp app = CamelMainApp.with(zoho).property("zoho.module", "Deals")
                .setup(m -> m.configure().addRoutesBuilder(new AttachmentSizesRoutes())).start()) {
            AttachmentSizeReport report = app.context().createProducerTemplate().requestBody(AttachmentSizesRoutes.ENDPOINT,
                    SAMPLE_DEAL_ID, AttachmentSizeReport.class);

            // Contract.pdf, Pricing.csv and the generated 5 MiB Product-demo.mp4
            RecordSizes deal = report.records().get(0);
            assertEquals(3, deal.attachments());
            assertEquals(5L * 1024 * 1024 + sizeOf("Contract.pdf") + sizeOf("Pricing.csv"), deal.bytes());
        }
    }

    private long sizeOf(String fileName) {
        return zoho.attachments("Deals", SAMPLE_DEAL_ID).stream().filter(a -> fileName.equals(a.get("File_Name")))
                .mapToLong(a -> Long.parseLong(a.get("Size") + "")).sum();
    }
}
