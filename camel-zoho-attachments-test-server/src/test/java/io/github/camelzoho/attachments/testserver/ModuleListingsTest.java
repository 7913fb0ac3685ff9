package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module-level attachment listing and the record listing a whole-module watch relies on. */
class ModuleListingsTest extends ServerTestSupport {

    private static final String ORG = "/crm/v8/Attachments?fields=id,File_Name,Created_Time,Modified_Time,Parent_Id,$se_module";

    private static String ims(Instant time) {
        return OffsetDateTime.ofInstant(time, ZoneOffset.ofHoursMinutes(5, 30)).toString();
    }

    private HttpResponse<String> getSince(String pathAndQuery, Instant since) {
        return send(request(pathAndQuery).header("If-Modified-Since", ims(since)).GET());
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void listsTheAttachmentsOfEveryModuleWithTheirParentAndModule() {
        server.seedAttachments("Leads", "11", 2);
        server.seedAttachments("Deals", "22", 1);

        HttpResponse<String> response = get(ORG);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode data = json(response).path("data");
        assertEquals(3, data.size());
        Set<String> parents = new HashSet<>();
        data.forEach(item -> {
            parents.add(item.path("$se_module").asText() + "/" + item.path("Parent_Id").path("id").asText());
            assertEquals("Record " + item.path("Parent_Id").path("id").asText(),
                    item.path("Parent_Id").path("name").asText());
        });
        assertEquals(Set.of("Leads/11", "Deals/22"), parents);
    }

    @Test
    void pagesBy200AndNeedsPageTokensPast2000() {
        server.setPageTokenMode(PageTokenMode.PAST_2000);
        server.seedAttachments("Leads", "11", 2_150);

        assertZohoError(get(ORG + "&page=11"), 400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        assertZohoError(get(ORG + "&per_page=201"), 400, "INVALID_DATA");
        Set<String> seen = new HashSet<>();
        String next = null;
        int requests = 0;
        for (int page = 1;; page++) {
            JsonNode body = json(get(ORG + "&per_page=200" + (next == null ? "&page=" + page : "&page_token=" + next)));
            requests++;
            seen.addAll(ids(body));
            assertTrue(body.path("data").size() <= 200);
            if (!body.path("info").path("more_records").asBoolean()) {
                break;
            }
            next = body.path("info").path("next_page_token").asText(null);
        }
        assertEquals(2_150, seen.size());
        assertEquals(11, requests);
    }

    @Test
    void ifModifiedSinceListsOnlyNewerAttachmentsAndAnswers304WhenNothingIs() {
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        server.seedAttachments("Leads", "11", 3, hourAgo);
        String fresh = (String) server.seedAttachments("Leads", "12", 1).get(0).get("id");

        HttpResponse<String> newer = getSince(ORG, Instant.now().minus(10, ChronoUnit.MINUTES));
        assertEquals(200, newer.statusCode());
        assertEquals(List.of(fresh), ids(json(newer)));

        HttpResponse<String> none = getSince(ORG, Instant.now().plusSeconds(5));
        assertEquals(304, none.statusCode());
        assertEquals("", none.body());

        server.setModuleListingHonoursIfModifiedSince(false);
        assertEquals(4, ids(json(getSince(ORG, Instant.now().plusSeconds(5)))).size());
    }

    @Test
    void eachListingOrderCanBeChosen() {
        Instant now = Instant.now();
        // ids grow in the order added; creation times do not
        String middle = (String) server.seedAttachments("Leads", "1", 1, now.minusSeconds(200)).get(0).get("id");
        String oldest = (String) server.seedAttachments("Leads", "2", 1, now.minusSeconds(300)).get(0).get("id");
        String newest = (String) server.seedAttachments("Leads", "3", 1, now.minusSeconds(100)).get(0).get("id");

        assertEquals(List.of(newest, middle, oldest), ids(json(get(ORG))));
        server.setModuleListingOrder(ModuleListingOrder.OLDEST_FIRST);
        assertEquals(List.of(oldest, middle, newest), ids(json(get(ORG))));
        server.setModuleListingOrder(ModuleListingOrder.BY_ID);
        assertEquals(List.of(middle, oldest, newest), ids(json(get(ORG))));
    }

    @Test
    void theModuleListingCanBeRefusedAsOlderEditionsScopesAndPermissionsDo() {
        server.seedAttachments("Leads", "1", 1);
        server.refuseModuleListing("INVALID_MODULE");
        assertZohoError(get(ORG), 400, "INVALID_MODULE");
        server.refuseModuleListing("NO_PERMISSION");
        assertZohoError(get(ORG), 403, "NO_PERMISSION");
        server.refuseModuleListing("OAUTH_SCOPE_MISMATCH");
        assertZohoError(get(ORG), 401, "OAUTH_SCOPE_MISMATCH");
        // the per-record listing still works
        assertEquals(200, get(attachments("Leads", "1") + "?fields=id").statusCode());
        server.refuseModuleListing(null);
        assertEquals(200, get(ORG).statusCode());
    }

    @Test
    void anUploadMovesTheRecordsLastActivityTimeButNotItsModifiedTime() throws Exception {
        server.addRecord("Leads", "100");
        server.seedAttachments("Leads", "200", 1, Instant.now().minus(2, ChronoUnit.DAYS));
        Instant before = Instant.now();
        // the upload an hour later on the server's clock (its times have whole seconds), rather than a sleep
        server.setClock(Clock.fixed(before.plus(1, ChronoUnit.HOURS), ZoneOffset.UTC));
        HttpResponse<String> upload = send(new Multipart().file("file", "a.txt", "x".getBytes(StandardCharsets.UTF_8))
                .applyTo(request(attachments("Leads", "100"))));
        assertEquals(200, upload.statusCode(), upload.body());

        JsonNode records = json(get("/crm/v8/Leads?fields=id,Last_Activity_Time,Modified_Time&per_page=200"));
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        records.path("data").forEach(r -> byId.put(r.path("id").asText(), r));
        assertEquals(Set.of("100", "200"), byId.keySet());
        assertTrue(OffsetDateTime.parse(byId.get("100").path("Last_Activity_Time").asText()).toInstant().isAfter(before));
        assertTrue(OffsetDateTime.parse(byId.get("100").path("Modified_Time").asText()).toInstant().isBefore(before));
        assertTrue(OffsetDateTime.parse(byId.get("200").path("Last_Activity_Time").asText()).toInstant()
                .isBefore(before.minus(1, ChronoUnit.DAYS)));

        // If-Modified-Since compares Modified_Time, as at Zoho: an attachment added does not make a record "modified"
        HttpResponse<String> modified = getSince("/crm/v8/Leads?fields=id,Last_Activity_Time", before);
        assertEquals(304, modified.statusCode());
        assertZohoError(get("/crm/v8/Leads"), 400, "REQUIRED_PARAM_MISSING");
        assertZohoError(get("/crm/v8/Nonexistent?fields=id"), 400, "INVALID_MODULE");
    }

    @Test
    void theRecordListingPagesPast2000WithPageTokens() {
        for (int i = 1; i <= 2_050; i++) {
            server.addRecord("Accounts", Integer.toString(i));
        }
        server.setPageTokenMode(PageTokenMode.PAST_2000);
        Set<String> seen = new HashSet<>();
        String next = null;
        for (int page = 1;; page++) {
            JsonNode body = json(get("/crm/v8/Accounts?fields=id,Last_Activity_Time&per_page=200"
                    + (next == null ? "&page=" + page : "&page_token=" + next)));
            seen.addAll(ids(body));
            body.path("data").forEach(r -> assertNull(r.path("Last_Activity_Time").textValue()));
            if (!body.path("info").path("more_records").asBoolean()) {
                break;
            }
            next = body.path("info").path("next_page_token").asText(null);
        }
        assertEquals(2_050, seen.size());
    }
}
