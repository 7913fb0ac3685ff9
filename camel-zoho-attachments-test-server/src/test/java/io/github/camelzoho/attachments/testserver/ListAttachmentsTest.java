package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListAttachmentsTest extends ServerTestSupport {

    static final String ALL_FIELDS = "Owner,Modified_By,Created_By,Parent_Id,$attachment_type,Modified_Time,"
            + "Created_Time,File_Name,Size,$editable,$file_id,$type,$se_module,$state,$link_url";

    private HttpResponse<String> list(String recordId, String query) {
        return get(attachments("Leads", recordId) + "?" + query);
    }

    @Test
    void fieldsAreMandatoryFromV3() {
        server.seedAttachments("Leads", "1", 1);
        JsonNode details = assertZohoError(get(attachments("Leads", "1")), 400, "REQUIRED_PARAM_MISSING");
        assertEquals("fields", details.path("param").asText());
        assertZohoError(get("/crm/v3/Leads/1/Attachments"), 400, "REQUIRED_PARAM_MISSING");
        // v2 and older returned every key without fields
        HttpResponse<String> v2 = get("/crm/v2/Leads/1/Attachments");
        assertEquals(200, v2.statusCode());
        assertTrue(json(v2).path("data").get(0).has("File_Name"));
    }

    @Test
    void moreThanFiftyFieldsIsLimitExceeded() {
        server.seedAttachments("Leads", "1", 1);
        StringBuilder fields = new StringBuilder("id");
        for (int i = 1; i < 50; i++) {
            fields.append(",f").append(i);
        }
        assertEquals(200, list("1", "fields=" + fields).statusCode());
        assertZohoError(list("1", "fields=" + fields + ",f50"), 400, "LIMIT_EXCEEDED");
    }

    @Test
    void onlyRequestedKeysAreReturned() {
        server.seedAttachments("Leads", "1", 1);
        JsonNode item = json(list("1", "fields=File_Name,Size")).path("data").get(0);
        Set<String> keys = new HashSet<>();
        item.fieldNames().forEachRemaining(keys::add);
        // id always, and the undocumented key clients must tolerate
        assertEquals(Set.of("id", "File_Name", "Size", "$sharing_permission"), keys);
        assertTrue(item.path("Size").isTextual());
        assertEquals("22", item.path("Size").asText());
    }

    @Test
    void attachmentHasZohosKeysAndFormats() {
        Map<String, Object> added = server.addAttachment("Leads", "42", "a.txt", "hello".getBytes());
        JsonNode item = json(list("42", "fields=" + ALL_FIELDS)).path("data").get(0);
        assertEquals(added.get("id"), item.path("id").asText());
        assertTrue(item.path("id").asText().matches("\\d{19}"));
        assertEquals("a.txt", item.path("File_Name").asText());
        assertEquals("5", item.path("Size").asText());
        assertTrue(item.path("Created_Time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+05:30"));
        OffsetDateTime.parse(item.path("Modified_Time").asText());
        for (String user : List.of("Owner", "Created_By", "Modified_By")) {
            assertTrue(item.path(user).has("name") && item.path(user).has("id") && item.path(user).has("email"));
        }
        assertEquals("42", item.path("Parent_Id").path("id").asText());
        assertTrue(item.path("Parent_Id").has("name"));
        assertFalse(item.path("$file_id").asText().isEmpty());
        assertEquals("Attachment", item.path("$type").asText());
        assertTrue(item.path("$link_url").isNull());
        assertEquals("Leads", item.path("$se_module").asText());
        assertEquals("save", item.path("$state").asText());
        assertTrue(item.path("$editable").asBoolean());
        assertEquals("full_access", item.path("$sharing_permission").asText());
        assertTrue(item.has("$attachment_type"));
        assertEquals(MAPPER.valueToTree(added), item);
    }

    @Test
    void recordWithoutAttachmentsIs204WithEmptyBody() {
        HttpResponse<String> response = list("999", "fields=id");
        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void listsNewestFirst() {
        server.seedAttachments("Leads", "1", 3);
        JsonNode data = json(list("1", "fields=File_Name")).path("data");
        assertEquals("file-3.txt", data.get(0).path("File_Name").asText());
        assertEquals("file-1.txt", data.get(2).path("File_Name").asText());
        JsonNode info = json(list("1", "fields=File_Name")).path("info");
        assertEquals(200, info.path("per_page").asInt());
        assertEquals(3, info.path("count").asInt());
        assertEquals(1, info.path("page").asInt());
        assertFalse(info.path("more_records").asBoolean());
        assertTrue(info.path("next_page_token").isNull());
        assertTrue(info.path("previous_page_token").isNull());
        assertTrue(info.path("page_token_expiry").isNull());
    }

    @Test
    void perPageIsValidated() {
        server.seedAttachments("Leads", "1", 1);
        for (String bad : List.of("201", "0", "-1", "abc")) {
            JsonNode details = assertZohoError(list("1", "fields=id&per_page=" + bad), 400, "INVALID_DATA");
            assertEquals("per_page", details.path("param").asText());
        }
        assertEquals(200, list("1", "fields=id&per_page=200").statusCode());
        assertZohoError(list("1", "fields=id&page=0"), 400, "INVALID_DATA");
    }

    @Test
    void pagesBeyondTheDataAre204() {
        server.seedAttachments("Leads", "1", 5);
        assertEquals(204, list("1", "fields=id&per_page=5&page=2").statusCode());
    }

    /** Follows pages the way a robust client does: next_page_token when given, else the next page number. */
    private List<String> collectAll(String recordId, int perPage) {
        List<String> ids = new ArrayList<>();
        String query = "fields=id&per_page=" + perPage;
        int page = 1;
        while (true) {
            HttpResponse<String> response = list(recordId, query);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = json(response);
            body.path("data").forEach(item -> ids.add(item.path("id").asText()));
            JsonNode info = body.path("info");
            if (!info.path("more_records").asBoolean()) {
                return ids;
            }
            if (!info.path("next_page_token").isNull()) {
                query = "fields=id&page_token=" + enc(info.path("next_page_token").asText());
            } else {
                query = "fields=id&per_page=" + perPage + "&page=" + ++page;
            }
        }
    }

    @Test
    void alwaysModeGivesTokensWhileThereIsMore() {
        server.seedAttachments("Leads", "1", 450);
        JsonNode info = json(list("1", "fields=id")).path("info");
        assertTrue(info.path("more_records").asBoolean());
        String token = info.path("next_page_token").asText();
        OffsetDateTime expiry = OffsetDateTime.parse(info.path("page_token_expiry").asText());
        assertTrue(expiry.isAfter(OffsetDateTime.now().plusHours(23)));

        JsonNode second = json(list("1", "fields=id&page_token=" + enc(token)));
        assertEquals(2, second.path("info").path("page").asInt());
        assertFalse(second.path("info").path("previous_page_token").isNull());
        List<String> ids = collectAll("1", 200);
        assertEquals(450, ids.size());
        assertEquals(450, new HashSet<>(ids).size());
    }

    @Test
    void neverModeReachesOnly2000() {
        server.seedAttachments("Leads", "1", 2100);
        server.setPageTokenMode(PageTokenMode.NEVER);
        JsonNode page10 = json(list("1", "fields=id&page=10")).path("info");
        assertTrue(page10.path("more_records").asBoolean());
        assertTrue(page10.path("next_page_token").isNull());
        HttpResponse<String> page11 = list("1", "fields=id&page=11");
        assertZohoError(page11, 400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        assertTrue(json(page11).path("message").asText().contains("page_token"));
    }

    @Test
    void discreteLimitCountsRecordsNotPages() {
        server.seedAttachments("Leads", "1", 10);
        assertEquals(204, list("1", "fields=id&per_page=100&page=20").statusCode());
        assertZohoError(list("1", "fields=id&per_page=100&page=21"), 400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        assertZohoError(list("1", "fields=id&per_page=300&page=7"), 400, "INVALID_DATA");
    }

    @Test
    void past2000ModeGivesATokenOnlyToCrossTheLimit() {
        server.seedAttachments("Leads", "1", 2500);
        server.setPageTokenMode(PageTokenMode.PAST_2000);
        assertTrue(json(list("1", "fields=id&page=9")).path("info").path("next_page_token").isNull());
        assertFalse(json(list("1", "fields=id&page=10")).path("info").path("next_page_token").isNull());
        List<String> ids = collectAll("1", 200);
        assertEquals(2500, ids.size());
        assertEquals(2500, new HashSet<>(ids).size());
    }

    @Test
    void pageTokensAreCheckedAndExclusive() {
        server.seedAttachments("Leads", "1", 300);
        server.seedAttachments("Leads", "2", 1);
        String token = json(list("1", "fields=id")).path("info").path("next_page_token").asText();
        assertZohoError(list("1", "fields=id&page=2&page_token=" + enc(token)), 400,
                "DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        JsonNode details = assertZohoError(list("1", "fields=id&page_token=nope"), 400, "INVALID_DATA");
        assertEquals("page_token", details.path("param").asText());
        // a token is bound to its record
        assertZohoError(list("2", "fields=id&page_token=" + enc(token)), 400, "INVALID_DATA");
    }

    @Test
    void idsFilterTheListing() {
        List<Map<String, Object>> added = server.seedAttachments("Leads", "1", 5);
        String ids = added.get(1).get("id") + "," + added.get(3).get("id");
        JsonNode data = json(list("1", "fields=id&ids=" + ids)).path("data");
        assertEquals(2, data.size());
        assertEquals(added.get(3).get("id"), data.get(0).path("id").asText());
    }

    @Test
    void modulesAreChecked() {
        JsonNode details = assertZohoError(get(attachments("Nope", "1") + "?fields=id"), 400, "INVALID_MODULE");
        assertTrue(details.isObject());
        HttpResponse<String> documents = get(attachments("Documents", "1") + "?fields=id");
        assertZohoError(documents, 400, "INVALID_MODULE");
        assertEquals("the given module is not supported in api", json(documents).path("message").asText());
        assertEquals("the module name given seems to be invalid",
                json(get(attachments("Nope", "1") + "?fields=id")).path("message").asText());
        assertZohoError(get(attachments("Projects", "1") + "?fields=id"), 400, "INVALID_MODULE");

        server.addModule("Custom_Things");
        assertEquals(204, get(attachments("Custom_Things", "1") + "?fields=id").statusCode());
        server.seedAttachments("Seeded_Module", "1", 1);
        assertEquals(200, get(attachments("Seeded_Module", "1") + "?fields=id").statusCode());
        for (String module : List.of("Price_Books", "Sales_Orders", "Purchase_Orders", "Appointments", "Notes")) {
            assertEquals(204, get(attachments(module, "1") + "?fields=id").statusCode(), module);
        }
    }

    @Test
    void unknownPathsAndMethods() {
        assertZohoError(get("/crm/v8/Leads/1/Notes"), 404, "INVALID_URL_PATTERN");
        assertZohoError(get("/crm/latest/Leads/1/Attachments?fields=id"), 404, "INVALID_URL_PATTERN");
        assertZohoError(get("/crm/v8/Leads/1/Attachments/2/extra"), 404, "INVALID_URL_PATTERN");
        assertZohoError(get("/elsewhere"), 404, "INVALID_URL_PATTERN");
        assertZohoError(send(request(attachments("Leads", "1")).PUT(HttpRequest.BodyPublishers.ofString("{}"))), 400,
                "INVALID_REQUEST_METHOD");
        assertZohoError(send(request(attachments("Leads", "1") + "/123").POST(HttpRequest.BodyPublishers.noBody())),
                400, "INVALID_REQUEST_METHOD");
    }
}
