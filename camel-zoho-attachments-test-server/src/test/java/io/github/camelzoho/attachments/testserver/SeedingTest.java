package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedingTest extends ServerTestSupport {

    @Test
    void addAttachmentReturnsTheFullJson() {
        Map<String, Object> json = server.addAttachment("Contacts", "5", "cv.docx", new byte[]{1, 2, 3});
        assertEquals(17, json.size());
        assertEquals("cv.docx", json.get("File_Name"));
        assertEquals("3", json.get("Size"));
        assertEquals("Contacts", json.get("$se_module"));
        assertNull(json.get("$link_url"));
        assertThrows(UnsupportedOperationException.class, () -> json.put("x", 1));
        assertArrayEquals(new byte[]{1, 2, 3}, server.content((String) json.get("id")));
    }

    @Test
    void idsIncrease() {
        List<Map<String, Object>> seeded = server.seedAttachments("Leads", "1", 3);
        assertEquals("4876876000001000001", seeded.get(0).get("id"));
        assertEquals("4876876000001000003", seeded.get(2).get("id"));
        assertEquals("file-1.txt", seeded.get(0).get("File_Name"));
        assertEquals("file-4.txt", server.seedAttachments("Leads", "1", 1).get(0).get("File_Name"));
    }

    /**
     * A hundred thousand in one batch under one lock (what keeps it fast, with no wall-time bound to assert on a busy machine):
     * consecutive ids, every one listed, the last page reachable.
     */
    @Test
    void seedsAHundredThousandInOneBatchOfConsecutiveIdsAllReachable() {
        List<Map<String, Object>> seeded = server.seedAttachments("Leads", "big", 100_000);
        assertEquals(100_000, seeded.size());
        long first = Long.parseLong((String) seeded.get(0).get("id"));
        for (int i = 0; i < seeded.size(); i += 999) {
            assertEquals(String.valueOf(first + i), seeded.get(i).get("id"), "id " + i);
        }
        assertEquals(String.valueOf(first + 99_999), seeded.get(99_999).get("id"));
        List<Map<String, Object>> listed = server.attachments("Leads", "big");
        assertEquals("file-100000.txt", listed.get(0).get("File_Name"));
        // the last page is reachable through page tokens
        String token = json(get(attachments("Leads", "big") + "?fields=id&page=10")).path("info")
                .path("next_page_token").asText();
        JsonNode page11 = json(get(attachments("Leads", "big") + "?fields=id&page_token=" + enc(token)));
        assertEquals(11, page11.path("info").path("page").asInt());
        String someId = (String) seeded.get(50_000).get("id");
        assertTrue(server.removeAttachment("Leads", "big", someId));
        assertEquals(99_999, server.attachments("Leads", "big").size());
    }

    @Test
    void contentAndHash() throws Exception {
        byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
        String id = (String) server.addAttachment("Leads", "1", "a.txt", bytes).get("id");
        assertEquals(DownloadAttachmentTest.sha256(bytes), server.contentSha256(id));
        assertNull(server.content("4876876000009999999"));
        assertNull(server.contentSha256("nope"));
        server.content(id)[0] = 'x';
        assertArrayEquals(bytes, server.content(id), "content() returns a copy");
    }

    @Test
    void sampleData() {
        server.seedSampleData();
        HttpResponse<String> lead = get(attachments("Leads", ZohoTestServer.SAMPLE_LEAD_ID) + "?fields=File_Name,$type");
        assertEquals(200, lead.statusCode());
        assertEquals(4, json(lead).path("data").size());
        assertEquals(204, get(attachments("Leads", ZohoTestServer.SAMPLE_EMPTY_LEAD_ID) + "?fields=id").statusCode());
        List<Map<String, Object>> deal = server.attachments("Deals", ZohoTestServer.SAMPLE_DEAL_ID);
        assertEquals(3, deal.size());
        assertEquals("Product-demo.mp4", deal.get(0).get("File_Name"));
        assertEquals(Long.toString(5L * 1024 * 1024), deal.get(0).get("Size"));
        assertEquals("Zylker Annual Renewal", ((Map<?, ?>) deal.get(0).get("Parent_Id")).get("name"));
    }

    @Test
    void moduleNamesAreCaseInsensitive() {
        server.seedAttachments("Leads", "1", 1);
        assertEquals(1, server.attachments("leads", "1").size());
        assertEquals(200, get("/crm/v8/leads/1/Attachments?fields=id").statusCode());
    }
}
