package io.github.camelzoho.attachments;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.github.camelzoho.attachments.client.ZohoApiException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZohoAttachmentsRetryTest extends ZohoTestSupport {

    private static final String LIST = "zoho-attachments:list?module=Leads&recordId=" + RECORD;

    private Exchange listWithThree() {
        zoho.seedAttachments("Leads", RECORD, 3);
        return call(LIST, null);
    }

    private void assertThreeListed(Exchange exchange) {
        assertNull(exchange.getException());
        assertEquals(3, exchange.getMessage().getBody(List.class).size());
    }

    @Test
    void tooManyRequestsThenSuccess() {
        zoho.fail("GET", ".*/Attachments").times(2).withTooManyRequests();

        assertThreeListed(listWithThree());
        assertEquals(3, apiRequests().size());
    }

    @Test
    void retriesExhaustedReportTheLastErrorAndTheAttempts() {
        zoho.fail("GET", ".*/Attachments").times(10).withTooManyRequests();

        Exchange exchange = call(LIST + "&maxRetries=2", null);

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertEquals("TOO_MANY_REQUESTS", e.getCode());
        assertEquals(429, e.getHttpStatus());
        assertEquals(3, e.getAttempts());
        assertTrue(e.getMessage().endsWith("(gave up after 3 attempts)"), e.getMessage());
        assertEquals(3, apiRequests().size());
    }

    @Test
    void maxRetriesZeroMeansOneAttempt() {
        zoho.fail("GET", ".*/Attachments").withServiceUnavailable();

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, call(LIST + "&maxRetries=0", null).getException());

        assertEquals(503, e.getHttpStatus());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void internalErrorOnAReadIsRetried() {
        zoho.fail("GET", ".*/Attachments").withInternalError();

        assertThreeListed(listWithThree());
        assertEquals(2, apiRequests().size());
    }

    @Test
    void malformedJsonIsRetriedThenReported() {
        zoho.fail("GET", ".*/Attachments").withMalformedJson();
        assertThreeListed(listWithThree());

        zoho.clearRequests();
        zoho.fail("GET", ".*/Attachments").times(4).withMalformedJson();
        ZohoApiException e = assertInstanceOf(ZohoApiException.class, call(LIST, null).getException());
        assertNull(e.getCode());
        assertEquals(200, e.getHttpStatus());
        assertTrue(e.getMessage().startsWith("Zoho CRM answered HTTP 200 to GET /crm/v8/Leads/" + RECORD
                + "/Attachments: malformed response body: "),
                e.getMessage());
        assertEquals(4, apiRequests().size());
    }

    @Test
    void truncatedBodyOnAReadIsRetried() {
        zoho.fail("GET", ".*/Attachments").withTruncatedBody();

        assertThreeListed(listWithThree());
        assertEquals(2, apiRequests().size());
    }

    @Test
    void connectionResetOnAReadIsRetried() {
        zoho.fail("GET", ".*/Attachments").withConnectionReset();

        assertThreeListed(listWithThree());
        assertEquals(2, apiRequests().size());
    }

    @Test
    void responseTimeoutOnAReadIsRetried() {
        zoho.fail("GET", ".*/Attachments").withDelay(Duration.ofMillis(1500));
        zoho.seedAttachments("Leads", RECORD, 3);

        assertThreeListed(call(LIST + "&responseTimeout=300", null));
        assertEquals(2, apiRequests().size());
    }

    @Test
    void unreachableZohoFailsWithTheCauseAfterRetries() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Exchange exchange = call(LIST + "&apiDomain=http://127.0.0.1:" + closedPort + "&maxRetries=1", null);

        Exception e = exchange.getException();
        assertTrue(e instanceof IOException, "got " + e);
        assertTrue(e.getMessage().startsWith("GET /crm/v8/Leads/" + RECORD + "/Attachments failed after 2 attempt(s): "),
                e.getMessage());
    }

    @Test
    void otherClientErrorsAreNeverRetried() {
        zoho.fail("GET", ".*/Attachments").withZohoError(403, "NO_PERMISSION", "permission denied to read attachment details");

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, call(LIST, null).getException());

        assertEquals("NO_PERMISSION", e.getCode());
        assertEquals(1, e.getAttempts());
        assertEquals(1, apiRequests().size());
    }
}
