package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest extends ServerTestSupport {

    private String seedOne() {
        return (String) server.seedAttachments("Leads", "1", 1).get(0).get("id");
    }

    private HttpResponse<String> deleteOne(String id) {
        return delete(attachments("Leads", "1") + "/" + id);
    }

    private HttpResponse<String> list() {
        return get(attachments("Leads", "1") + "?fields=id");
    }

    /** A fresh client, so a dropped connection is never a reused one the client would silently retry on. */
    private static HttpClient freshClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void tooManyRequestsIsNotCarriedOut() {
        String id = seedOne();
        server.fail("DELETE", ".*/Attachments/.*").withTooManyRequests();
        HttpResponse<String> response = deleteOne(id);
        assertEquals(429, response.statusCode());
        assertEquals("{\"code\":\"TOO_MANY_REQUESTS\",\"details\":{},\"message\":\"The API has reached the concurrency "
                + "limit\",\"status\":\"error\"}",
                response.body());
        assertEquals(1, server.attachments("Leads", "1").size());
        assertEquals(200, deleteOne(id).statusCode(), "normal behaviour resumes");
    }

    @Test
    void timesAndOrderOfFaults() {
        seedOne();
        server.fail("GET", ".*/Attachments").times(2).withInternalError();
        server.fail("GET", ".*/Attachments").withServiceUnavailable();
        assertZohoError(list(), 500, "INTERNAL_ERROR");
        assertZohoError(list(), 500, "INTERNAL_ERROR");
        assertZohoError(list(), 503, "SERVICE_UNAVAILABLE");
        assertEquals(200, list().statusCode());
    }

    @Test
    void rawStatusAndZohoErrors() {
        seedOne();
        server.fail("*", ".*").withStatus(418, "{\"teapot\":true}");
        server.fail("GET", "/crm/.*").withZohoError(403, "NO_PERMISSION", "permission denied");
        HttpResponse<String> raw = list();
        assertEquals(418, raw.statusCode());
        assertEquals("{\"teapot\":true}", raw.body());
        assertTrue(raw.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("permission denied", json(assertZohoErrorResponse(list())).path("message").asText());
    }

    private static HttpResponse<String> assertZohoErrorResponse(HttpResponse<String> response) {
        assertZohoError(response, 403, "NO_PERMISSION");
        return response;
    }

    @Test
    void clearFaultsRemovesPendingOnes() {
        seedOne();
        server.fail("GET", ".*").times(5).withInternalError();
        server.clearFaults();
        assertEquals(200, list().statusCode());
    }

    @Test
    void malformedJsonIsCarriedOut() {
        String id = seedOne();
        server.fail("DELETE", ".*").withMalformedJson();
        HttpResponse<String> response = deleteOne(id);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertThrows(IOException.class, () -> MAPPER.readTree(response.body()));
        assertTrue(server.attachments("Leads", "1").isEmpty(), "the delete happened");
    }

    @Test
    void truncatedBodyIsCarriedOutAndFailsTheClient() {
        String id = seedOne();
        server.fail("DELETE", ".*").withTruncatedBody();
        HttpRequest request = request(attachments("Leads", "1") + "/" + id).DELETE().build();
        assertThrows(IOException.class, () -> freshClient().send(request, HttpResponse.BodyHandlers.ofString()));
        assertTrue(server.attachments("Leads", "1").isEmpty(), "the delete happened");
        assertEquals(204, list().statusCode());
    }

    /**
     * Read over a plain socket, which counts every byte the server put on the wire: the JDK's HttpClient may drop the last
     * bytes it buffered when the connection ends early (it gave 491,346 of 500,000 in about one run in seven).
     */
    @Test
    void truncatedDownloadSendsExactlyHalfThenEnds() throws Exception {
        String id = (String) server.addGeneratedAttachment("Leads", "1", "big.bin", 1_000_000).get("id");
        server.fail("GET", ".*/Attachments/.*").withTruncatedBody();
        byte[] answer;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + attachments("Leads", "1") + "/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + AUTH + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = socket.getInputStream().readAllBytes(); // until the server closes the connection
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        String head = text.substring(0, bodyStart).toLowerCase(Locale.ROOT);
        assertTrue(head.startsWith("http/1.1 200"), head);
        assertTrue(head.contains("\r\ncontent-length: 1000000\r\n"), head);
        assertEquals(500_000, answer.length - bodyStart, "half the announced body, then the connection ends");
    }

    @Test
    void delayIsCarriedOutBeforeTheClientTimesOut() {
        String id = seedOne();
        server.fail("DELETE", ".*").withDelay(Duration.ofMillis(700));
        HttpRequest request = request(attachments("Leads", "1") + "/" + id).timeout(Duration.ofMillis(200)).DELETE()
                .build();
        assertThrows(HttpTimeoutException.class,
                () -> freshClient().send(request, HttpResponse.BodyHandlers.ofString()));
        assertTrue(server.attachments("Leads", "1").isEmpty(), "the delete happened although the client timed out");
    }

    @Test
    void delayedAnswerIsNormal() {
        seedOne();
        server.fail("GET", ".*").withDelay(Duration.ofMillis(100));
        long start = System.nanoTime();
        assertEquals(200, list().statusCode());
        assertTrue(System.nanoTime() - start >= 100_000_000L);
    }

    @Test
    void connectionResetIsNotCarriedOut() {
        String id = seedOne();
        server.fail("DELETE", ".*").withConnectionReset();
        HttpRequest request = request(attachments("Leads", "1") + "/" + id).DELETE().build();
        assertThrows(IOException.class, () -> freshClient().send(request, HttpResponse.BodyHandlers.ofString()));
        assertEquals(1, server.attachments("Leads", "1").size(), "nothing was deleted");
        assertEquals(200, deleteOne(id).statusCode());
    }

    @Test
    void tokenEndpointCanFailToo() {
        server.registerClient("c", "s", "r");
        server.fail("POST", "/oauth/v2/token").withServiceUnavailable();
        assertEquals(503, mint("c", "s", "r").statusCode());
        assertEquals(0, server.tokensMinted());
        assertEquals(200, mint("c", "s", "r").statusCode());
        assertEquals(1, server.tokensMinted());
    }

    @Test
    void faultsMatchMethodAndWholePath() {
        seedOne();
        server.fail("DELETE", ".*/Attachments").withInternalError();
        server.fail("GET", "/crm/v8/Leads/1").withInternalError();
        assertEquals(200, list().statusCode());
        assertFalse(server.requests().isEmpty());
        server.clearFaults();
    }
}
