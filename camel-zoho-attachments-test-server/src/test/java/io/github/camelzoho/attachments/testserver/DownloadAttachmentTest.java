package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DownloadAttachmentTest extends ServerTestSupport {

    @Test
    void downloadsBytesWithHeaders() throws Exception {
        byte[] content = "hello, zoho".getBytes(StandardCharsets.UTF_8);
        String id = (String) server.addAttachment("Leads", "1", "notes.txt", content).get("id");
        HttpResponse<byte[]> response = CLIENT.send(request(attachments("Leads", "1") + "/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(content, response.body());
        assertEquals("text/plain", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(Long.toString(content.length), response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("attachment; filename=\"notes.txt\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void contentTypeDefaultsToOctetStream() throws Exception {
        String id = (String) server.addAttachment("Leads", "1", "blob.weird", new byte[]{1}).get("id");
        assertEquals("application/octet-stream", get(attachments("Leads", "1") + "/" + id).headers()
                .firstValue("Content-Type").orElseThrow());
        String pdf = (String) server.addAttachment("Leads", "1", "a.PDF", new byte[]{1}).get("id");
        assertEquals("application/pdf", get(attachments("Leads", "1") + "/" + pdf).headers()
                .firstValue("Content-Type").orElseThrow());
    }

    @Test
    void nonAsciiNamesGetAnExtendedFilename() {
        String id = (String) server.addAttachment("Leads", "1", "Résumé \"v2\".txt", new byte[]{1}).get("id");
        assertEquals("attachment; filename=\"R_sum_ \\\"v2\\\".txt\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22v2%22.txt",
                get(attachments("Leads", "1") + "/" + id).headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void generatedContentIsStreamedAndVerifiable() throws Exception {
        long size = 50L * 1024 * 1024;
        String id = (String) server.addGeneratedAttachment("Deals", "7", "video.mp4", size).get("id");
        assertNull(server.content(id), "generated content is never stored");
        HttpResponse<InputStream> response = CLIENT.send(request(attachments("Deals", "7") + "/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("video/mp4", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(Long.toString(size), response.headers().firstValue("Content-Length").orElseThrow());
        MessageDigest digest = sha256();
        long read;
        try (InputStream in = response.body();
                OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            read = in.transferTo(sink);
        }
        assertEquals(size, read);
        assertEquals(server.contentSha256(id), HexFormat.of().formatHex(digest.digest()));
    }

    @Test
    void generatedContentDependsOnNameAndSizeOnly() {
        String a = (String) server.addGeneratedAttachment("Leads", "1", "x.bin", 1000).get("id");
        String b = (String) server.addGeneratedAttachment("Leads", "2", "x.bin", 1000).get("id");
        String c = (String) server.addGeneratedAttachment("Leads", "2", "y.bin", 1000).get("id");
        assertEquals(server.contentSha256(a), server.contentSha256(b));
        assertNotEquals(server.contentSha256(a), server.contentSha256(c));
    }

    @Test
    void unknownAttachmentIs204() {
        HttpResponse<String> response = get(attachments("Leads", "1") + "/4876876000001999999");
        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
        String other = (String) server.seedAttachments("Leads", "2", 1).get(0).get("id");
        assertEquals(204, get(attachments("Leads", "1") + "/" + other).statusCode());
    }

    @Test
    void linksCannotBeDownloaded() {
        HttpResponse<String> upload = send(request(attachments("Leads", "1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("attachmentUrl=https%3A%2F%2Fexample.com")));
        String id = json(upload).path("data").get(0).path("details").path("id").asText();
        assertZohoError(get(attachments("Leads", "1") + "/" + id), 400, "DOWNLOAD_NOT_ALLOWED");
        assertNull(server.contentSha256(id));
    }

    static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    static String sha256(byte[] bytes) throws IOException {
        try {
            return HexFormat.of().formatHex(sha256().digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
