package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteAttachmentsTest extends ServerTestSupport {

    private String seedOne(String recordId) {
        return (String) server.seedAttachments("Leads", recordId, 1).get(0).get("id");
    }

    @Test
    void deletesOne() {
        String id = seedOne("1");
        HttpResponse<String> response = delete(attachments("Leads", "1") + "/" + id);
        assertEquals(200, response.statusCode());
        assertEquals("{\"data\":[{\"code\":\"SUCCESS\",\"details\":{\"id\":\"" + id + "\"},\"message\":\"record deleted\","
                + "\"status\":\"success\"}]}",
                response.body());
        assertTrue(server.attachments("Leads", "1").isEmpty());
        assertEquals(204, get(attachments("Leads", "1") + "?fields=id").statusCode());
    }

    @Test
    void unknownOrForeignIdIsInvalidData() {
        String foreign = seedOne("2");
        for (String id : List.of("4876876000000000999", foreign, "abc")) {
            HttpResponse<String> response = delete(attachments("Leads", "1") + "/" + id);
            assertEquals(400, response.statusCode());
            assertEquals("{\"data\":[{\"code\":\"INVALID_DATA\",\"details\":{\"id\":\"" + id + "\"},"
                    + "\"message\":\"the related id given seems to be invalid\",\"status\":\"error\"}]}",
                    response.body());
        }
        assertEquals(1, server.attachments("Leads", "2").size());
    }

    @Test
    void bulkDeleteReportsEachIdInOrder() {
        List<Map<String, Object>> added = server.seedAttachments("Leads", "1", 3);
        String a = (String) added.get(0).get("id");
        String b = (String) added.get(2).get("id");
        HttpResponse<String> response = delete(attachments("Leads", "1") + "?ids=" + a + ",123," + b);
        assertEquals(200, response.statusCode());
        JsonNode data = json(response).path("data");
        assertEquals(3, data.size());
        assertEquals(a, data.get(0).path("details").path("id").asText());
        assertEquals("SUCCESS", data.get(0).path("code").asText());
        assertEquals("INVALID_DATA", data.get(1).path("code").asText());
        assertEquals("123", data.get(1).path("details").path("id").asText());
        assertEquals("SUCCESS", data.get(2).path("code").asText());
        assertEquals(List.of(added.get(1).get("id")),
                server.attachments("Leads", "1").stream().map(m -> m.get("id")).toList());
    }

    @Test
    void bulkDeleteWhereAllFailIs400() {
        HttpResponse<String> response = delete(attachments("Leads", "1") + "?ids=1,2");
        assertEquals(400, response.statusCode());
        assertEquals(2, json(response).path("data").size());
        assertEquals("error", json(response).path("data").get(1).path("status").asText());
    }

    @Test
    void bulkDeleteLimitsAndRequiresIds() {
        StringJoiner ids = new StringJoiner(",");
        for (int i = 0; i < 101; i++) {
            ids.add(Integer.toString(1000 + i));
        }
        assertZohoError(delete(attachments("Leads", "1") + "?ids=" + ids), 400, "LIMIT_EXCEEDED");
        JsonNode details = assertZohoError(delete(attachments("Leads", "1")), 400, "REQUIRED_PARAM_MISSING");
        assertEquals("ids", details.path("param").asText());
    }

    @Test
    void removeAttachmentActsLikeTheUi() {
        String id = seedOne("1");
        assertFalse(server.removeAttachment("Leads", "2", id));
        assertTrue(server.removeAttachment("Leads", "1", id));
        assertFalse(server.removeAttachment("Leads", "1", id));
        assertEquals(400, delete(attachments("Leads", "1") + "/" + id).statusCode());
    }
}
