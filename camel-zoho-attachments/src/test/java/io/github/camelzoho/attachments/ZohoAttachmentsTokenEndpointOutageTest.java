package io.github.camelzoho.attachments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A throttled or failing accounts server is asked once per cool-down, however many calls and retries want a token. */
class ZohoAttachmentsTokenEndpointOutageTest extends ZohoTestSupport {

    private static final String LIST = "zoho-attachments:list?module=Leads&recordId=" + RECORD;
    private static final String THROTTLED = "{\"error\":\"Access Denied\",\"error_description\":\"You have made too many"
            + " requests continuously. Please try again after some time.\"}";

    private List<RecordedRequest> tokenRequests() {
        return zoho.requests("POST", "/oauth/v2/token");
    }

    @Test
    void tenConcurrentCallsAgainstAThrottledAccountsServerSendOneTokenRequest() throws Exception {
        zoho.fail("POST", "/oauth/v2/token").times(1000).withStatus(429, THROTTLED);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Exchange>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> {
                    start.await();
                    return call(LIST, null);
                });
            }
            List<Future<Exchange>> results = new ArrayList<>();
            for (Callable<Exchange> c : calls) {
                results.add(pool.submit(c));
            }
            start.countDown();
            for (Future<Exchange> result : results) {
                Exception e = result.get().getException();
                assertNotNull(e, "no token, no call");
                assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, tokenRequests().size(), "one failure answers every waiting caller, and nothing retries it");
        assertTrue(apiRequests().isEmpty());
    }

    @Test
    void callsDuringTheCoolDownFailAtOnceNamingTheCauseAndTheNextTry() {
        zoho.fail("POST", "/oauth/v2/token").times(1000).withZohoError(503, "SERVICE_UNAVAILABLE", "down for maintenance");

        List<String> messages = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            messages.add(call(LIST, null).getException().getMessage());
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(1, tokenRequests().size(), messages.toString());
        assertTrue(elapsedMillis < 1000, "the calls did not fail at once: " + elapsedMillis + " ms");
        for (String message : messages) {
            assertTrue(message.contains("HTTP 503"), message);
            assertTrue(message.contains("next token request not before"), message);
        }
        for (String message : messages) {
            assertFalse(message.contains(CLIENT_SECRET) || message.contains(REFRESH_TOKEN), message);
        }
    }
}
