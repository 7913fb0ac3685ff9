package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingAndConcurrencyTest extends ServerTestSupport {

    @Test
    void recordsEveryRequestInOrder() {
        server.registerClient("c", "s", "r");
        mint("c", "s", "r");
        get(attachments("Leads", "1") + "?fields=id,File_Name&note=a%20b+c");
        send(request(attachments("Leads", "1")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("attachmentUrl=https%3A%2F%2Fx.example")));

        List<RecordedRequest> all = server.requests();
        assertEquals(3, all.size());
        RecordedRequest token = all.get(0);
        assertEquals("POST", token.method());
        assertEquals("/oauth/v2/token", token.path());
        assertEquals("refresh_token", token.queryParam("grant_type"));
        assertEquals("", token.body());

        RecordedRequest list = all.get(1);
        assertEquals("/crm/v8/Leads/1/Attachments", list.path());
        assertEquals("fields=id,File_Name&note=a%20b+c", list.rawQuery());
        assertEquals("a b c", list.queryParam("note"));
        assertEquals(List.of("id,File_Name"), list.queryParams().get("fields"));
        assertNull(list.queryParam("absent"));
        assertEquals(AUTH, list.header("authorization"));
        assertEquals(AUTH, list.header("AUTHORIZATION"));
        assertTrue(list.toString().startsWith("GET /crm/v8/Leads/1/Attachments?fields="), list.toString());

        assertEquals("attachmentUrl=https%3A%2F%2Fx.example", all.get(2).body());
        assertEquals(1, server.requests("POST", "/crm/.*").size());
        assertEquals(2, server.requests("*", "/crm/.*").size());
        server.clearRequests();
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void faultedRequestsAreRecordedToo() {
        server.fail("GET", ".*").withInternalError();
        get(attachments("Leads", "1") + "?fields=id");
        assertEquals(1, server.requests("GET", ".*").size());
    }

    @Test
    void maxInFlightCountsConcurrentApiRequests() {
        server.setLatency(Duration.ofMillis(400));
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(CLIENT.sendAsync(request(attachments("Leads", "1") + "?fields=id").GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        futures.forEach(f -> assertEquals(204, f.join().statusCode()));
        assertEquals(10, server.maxInFlight());
        server.resetMaxInFlight();
        assertEquals(0, server.maxInFlight());
        server.setLatency(Duration.ZERO);
        get(attachments("Leads", "1") + "?fields=id");
        assertEquals(1, server.maxInFlight());
    }

    @Test
    void handlesAHundredConcurrentClients() {
        server.seedAttachments("Leads", "1", 300);
        server.setLatency(Duration.ofMillis(800));
        List<Map<String, Object>> existing = server.attachments("Leads", "1");
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String path = i % 2 == 0
                    ? attachments("Leads", "1") + "?fields=id,File_Name&per_page=50"
                    : attachments("Leads", "1") + "/" + existing.get(i).get("id");
            HttpRequest.Builder request = request(path);
            futures.add(CLIENT.sendAsync((i % 2 == 0 ? request.GET() : request.DELETE()).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        futures.forEach(f -> assertEquals(200, f.join().statusCode()));
        assertTrue(server.maxInFlight() >= 90, "max in flight " + server.maxInFlight());
        assertEquals(250, server.attachments("Leads", "1").size());
    }
}
