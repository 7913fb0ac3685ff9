package io.github.camelzoho.attachments;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxConcurrentRequests is one limit per credential set, whatever the number of endpoints and threads. */
class ZohoAttachmentsConcurrencyLimitTest extends ZohoTestSupport {

    @Test
    void endpointsWithTheSameCredentialsShareOneLimit() throws Exception {
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration()
                .setMaxConcurrentRequests(3);
        zoho.seedAttachments("Leads", RECORD, 2);
        zoho.seedAttachments("Deals", RECORD, 2);
        zoho.setLatency(Duration.ofMillis(100));
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Callable<Exchange>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String uri = i % 2 == 0
                        ? "zoho-attachments:list?module=Leads&recordId=" + RECORD
                        : "zoho-attachments:list?module=Deals&recordId=" + RECORD + "&perPage=50";
                calls.add(() -> call(uri, null));
            }
            for (Future<Exchange> result : pool.invokeAll(calls)) {
                assertNull(result.get().getException());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(24, apiRequests().size());
        assertEquals(3, zoho.maxInFlight(), "never more than the shared limit, and the limit is used");
    }

    @Test
    void aRouteHoldingItsOnlySlotFailsClearlyInsteadOfHanging() throws Exception {
        String id = (String) zoho.addAttachment("Leads", RECORD, "contract.pdf", new byte[]{1, 2, 3}).get("id");
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration()
                .setMaxConcurrentRequests(1); // the organisation's limit is the component's
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:copy")
                        .to("zoho-attachments:download?module=Leads&recordId=" + RECORD + "&attachmentId=" + id)
                        // the download stream is still open: the upload needs a second slot
                        .to("zoho-attachments:upload?module=Deals&recordId=" + RECORD + "&requestSlotTimeout=300");
            }
        });

        Exchange exchange = template.send("direct:copy", e -> {
        });

        Exception e = exchange.getException();
        assertTrue(e instanceof IOException, "got " + e);
        assertTrue(
                e.getMessage().startsWith("No free Zoho request slot within 300 ms: all 1 (maxConcurrentRequests) are in use."),
                e.getMessage());
        assertEquals(0, zoho.requests("POST", ".*/Attachments").size(), "nothing was uploaded");
        assertTrue(zoho.attachments("Deals", RECORD).isEmpty());
    }
}
