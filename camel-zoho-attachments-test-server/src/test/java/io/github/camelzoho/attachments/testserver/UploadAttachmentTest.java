package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadAttachmentTest extends ServerTestSupport {

    private HttpResponse<String> upload(Multipart multipart) {
        return send(multipart.applyTo(request(attachments("Leads", "1"))));
    }

    private static String uploadedId(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).path("data").get(0).path("details").path("id").asText();
    }

    @Test
    void uploadsAFile() throws Exception {
        byte[] content = new byte[100_000];
        new Random(1).nextBytes(content);
        HttpResponse<String> response = upload(new Multipart().file("file", "report.pdf", content));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode item = json(response).path("data").get(0);
        assertEquals("SUCCESS", item.path("code").asText());
        assertEquals("attachment uploaded successfully", item.path("message").asText());
        assertEquals("success", item.path("status").asText());
        JsonNode details = item.path("details");
        for (String key : List.of("Modified_Time", "Modified_By", "Created_Time", "id", "Created_By")) {
            assertTrue(details.has(key), key);
        }
        String id = details.path("id").asText();
        assertArrayEquals(content, server.content(id));
        assertEquals(DownloadAttachmentTest.sha256(content), server.contentSha256(id));
        Map<String, Object> listed = server.attachments("Leads", "1").get(0);
        assertEquals("report.pdf", listed.get("File_Name"));
        assertEquals("100000", listed.get("Size"));
        assertEquals("Attachment", listed.get("$type"));
        // a binary body full of CR/LF and dashes must come through unchanged over HTTP too
        HttpResponse<byte[]> download = CLIENT.send(request(attachments("Leads", "1") + "/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(content, download.body());
    }

    @Test
    void nonAsciiFileNameFromExtendedParameter() {
        String id = uploadedId(upload(new Multipart().rawPart(
                "Content-Disposition: form-data; name=\"file\"; filename=\"x.txt\"; filename*=UTF-8''%E2%82%AC%20rate.txt\r\n",
                new byte[]{1, 2})));
        assertEquals("€ rate.txt", server.attachments("Leads", "1").get(0).get("File_Name"));
        assertEquals(2, server.content(id).length);
    }

    @Test
    void uploadsALinkAsMultipart() {
        uploadedId(upload(new Multipart().field("attachmentUrl", "https://www.zylker.com/brochure")
                .field("title", "Brochure")));
        Map<String, Object> listed = server.attachments("Leads", "1").get(0);
        assertEquals("Link URL", listed.get("$type"));
        assertEquals("https://www.zylker.com/brochure", listed.get("$link_url"));
        assertEquals("Brochure", listed.get("File_Name"));
    }

    @Test
    void uploadsALinkAsFormOrQuery() {
        uploadedId(send(request(attachments("Leads", "1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("attachmentUrl=" + enc("https://a.example/x?y=1")))));
        uploadedId(send(request(attachments("Leads", "1") + "?attachmentUrl=" + enc("https://b.example"))
                .POST(HttpRequest.BodyPublishers.noBody())));
        List<Map<String, Object>> listed = server.attachments("Leads", "1");
        assertEquals("https://b.example", listed.get(0).get("$link_url"));
        assertEquals("https://a.example/x?y=1", listed.get(1).get("$link_url"));
    }

    @Test
    void neitherFileNorLinkIsRequiredParamMissing() {
        assertZohoError(upload(new Multipart().field("title", "nothing")), 400, "REQUIRED_PARAM_MISSING");
        assertZohoError(send(request(attachments("Leads", "1")).POST(HttpRequest.BodyPublishers.noBody())), 400,
                "REQUIRED_PARAM_MISSING");
        assertTrue(server.attachments("Leads", "1").isEmpty());
    }

    @Test
    void tooLargeIs413() {
        server.setUploadLimitBytes(1000);
        assertEquals(200, upload(new Multipart().file("file", "ok.bin", new byte[1000])).statusCode());
        HttpResponse<String> response = upload(new Multipart().file("file", "big.bin", new byte[5000]));
        assertZohoError(response, 413, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE");
        assertEquals(1, server.attachments("Leads", "1").size());
    }

    @Test
    void largeUploadsKeepOnlySizeAndHash() throws Exception {
        byte[] content = new byte[17 * 1024 * 1024];
        new Random(2).nextBytes(content);
        String id = uploadedId(upload(new Multipart().file("file", "large.bin", content)));
        assertNull(server.content(id));
        assertEquals(DownloadAttachmentTest.sha256(content), server.contentSha256(id));
        assertEquals(Integer.toString(content.length), server.attachments("Leads", "1").get(0).get("Size"));
    }

    @Test
    void malformedMultipartIsRejected() {
        HttpResponse<String> response = send(request(attachments("Leads", "1"))
                .header("Content-Type", "multipart/form-data; boundary=abc")
                .POST(HttpRequest.BodyPublishers.ofString("--abc\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"a\"\r\n\r\nno closing boundary",
                        StandardCharsets.UTF_8)));
        assertEquals(400, response.statusCode());
        assertTrue(server.attachments("Leads", "1").isEmpty());
    }

    @Test
    void recordsASummaryInsteadOfTheMultipartBody() {
        upload(new Multipart().file("file", "a.txt", new byte[10]).field("title", "t"));
        RecordedRequest recorded = server.requests("POST", ".*/Attachments").get(0);
        assertEquals("[multipart/form-data: file=\"a.txt\" (10 bytes), title=\"t\"]", recorded.body());
    }
}
