package io.github.camelzoho.attachments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoUploadResult;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** upload: a file from any usual body, or a link, with the new attachment's id as the result. */
class ZohoAttachmentsUploadTest extends ZohoTestSupport {

    private static final String UPLOAD = "zoho-attachments:upload?module=Leads&recordId=" + RECORD;
    private static final String OTHER_RECORD = "4876876000000376099";

    @TempDir
    Path dir;

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private Exchange upload(String uri, Object body, String fileName) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            if (fileName != null) {
                e.getMessage().setHeader(ZohoAttachmentsConstants.FILE_NAME, fileName);
            }
        });
    }

    private List<RecordedRequest> posts() {
        return zoho.requests("POST", ".*/Attachments");
    }

    private Map<String, Object> stored() {
        List<Map<String, Object>> attachments = zoho.attachments("Leads", RECORD);
        assertEquals(1, attachments.size(), "one attachment stored: " + attachments);
        return attachments.get(0);
    }

    /** Each kind of body, and whether its length is known before sending (then no chunked encoding). */
    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("byte[]", (Function<byte[], Object>) bytes -> bytes, true),
                Arguments.of("String", (Function<byte[], Object>) bytes -> new String(bytes, StandardCharsets.UTF_8), true),
                Arguments.of("InputStream", (Function<byte[], Object>) ByteArrayInputStream::new, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void uploadsTheBodyAsMultipartPartFile(String kind, Function<byte[], Object> body, boolean knownLength) {
        byte[] content = ("Angebot für Zylker – " + kind + "\n").repeat(2000).getBytes(StandardCharsets.UTF_8);

        Exchange exchange = upload(UPLOAD, body.apply(content), "Angebot.txt");

        assertNull(exchange.getException());
        ZohoUploadResult result = exchange.getMessage().getBody(ZohoUploadResult.class);
        Map<String, Object> stored = stored();
        assertEquals(stored.get("id"), result.getId());
        assertEquals(result.getId(), exchange.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID));
        assertArrayEquals(content, zoho.content(result.getId()));
        assertEquals("Angebot.txt", stored.get("File_Name"));
        assertEquals("Angebot.txt", result.getFileName());
        assertEquals(content.length, result.getSize());
        assertNotNull(result.getCreatedTime());
        assertEquals("Patricia Boyle", result.getCreatedBy().getName());
        RecordedRequest post = posts().get(0);
        assertEquals("/crm/v8/Leads/" + RECORD + "/Attachments", post.path());
        assertTrue(post.header("Content-Type").startsWith("multipart/form-data; boundary="), post.header("Content-Type"));
        assertEquals("[multipart/form-data: file=\"Angebot.txt\" (" + content.length + " bytes)]", post.body());
        assertEquals(knownLength, post.header("Content-Length") != null, "Content-Length sent: " + post);
        assertEquals(1, apiRequests().size());
    }

    @Test
    void aFileOrAPathIsStreamedFromDiskAndNamedAfterItself() throws Exception {
        byte[] content = randomBytes(300_000);
        Path path = Files.write(dir.resolve("Quote Q-1001.pdf"), content);

        Exchange fromFile = upload(UPLOAD, path.toFile(), null);
        Exchange fromPath = upload(UPLOAD, path, "Renamed.pdf");

        assertNull(fromFile.getException());
        assertNull(fromPath.getException());
        ZohoUploadResult first = fromFile.getMessage().getBody(ZohoUploadResult.class);
        ZohoUploadResult second = fromPath.getMessage().getBody(ZohoUploadResult.class);
        assertEquals("Quote Q-1001.pdf", first.getFileName());
        assertEquals("Renamed.pdf", second.getFileName());
        assertArrayEquals(content, zoho.content(first.getId()));
        assertEquals(zoho.contentSha256(first.getId()), zoho.contentSha256(second.getId()));
        assertTrue(posts().stream().allMatch(p -> p.header("Content-Length") != null), "lengths were known");
    }

    @Test
    void filesPickedUpByTheFileComponentAreUploadedUnderTheirNames() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox/sub"));
        byte[] a = randomBytes(10_000);
        byte[] b = "ü,ß\n".getBytes(StandardCharsets.UTF_8);
        Files.write(inbox.resolve("Vertrag Müller.pdf"), a);
        Files.write(inbox.resolve("b.csv"), b);
        MockEndpoint uploaded = getMockEndpoint("mock:uploaded");
        uploaded.expectedMessageCount(2);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("file:" + dir.resolve("inbox") + "?recursive=true&initialDelay=0&delay=50").to(UPLOAD)
                        .to("mock:uploaded");
            }
        });

        uploaded.assertIsSatisfied();

        Map<String, byte[]> byName = Map.of("Vertrag Müller.pdf", a, "b.csv", b);
        List<Map<String, Object>> attachments = zoho.attachments("Leads", RECORD);
        assertEquals(2, attachments.size());
        for (Map<String, Object> attachment : attachments) {
            byte[] expected = byName.get((String) attachment.get("File_Name"));
            assertNotNull(expected, "uploaded under its own name, without the sub directory: " + attachment);
            assertArrayEquals(expected, zoho.content((String) attachment.get("id")));
        }
        assertTrue(posts().stream().allMatch(p -> p.header("Content-Length") != null), "lengths were known");
    }

    @Test
    void fileNameComesFromZohoThenCamelHeadersAndIsRequiredOtherwise() {
        Exchange zohoHeaderWins = template.send(UPLOAD, e -> {
            e.getMessage().setBody(new byte[]{1});
            e.getMessage().setHeader(ZohoAttachmentsConstants.FILE_NAME, "Zoho name.txt");
            e.getMessage().setHeader(Exchange.FILE_NAME, "camel.txt");
        });
        Exchange camelHeader = template.send(UPLOAD, e -> {
            e.getMessage().setBody(new byte[]{2});
            e.getMessage().setHeader(Exchange.FILE_NAME, "2024/06/report.pdf");
            e.getMessage().setHeader(Exchange.FILE_NAME_ONLY, "stale.pdf");
        });
        Exchange nameless = upload(UPLOAD, new byte[]{3}, null);

        assertEquals("Zoho name.txt", zohoHeaderWins.getMessage().getBody(ZohoUploadResult.class).getFileName());
        assertEquals("report.pdf", camelHeader.getMessage().getBody(ZohoUploadResult.class).getFileName());
        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, nameless.getException());
        assertEquals("The file name is required: set the CamelZohoFileName header (or CamelFileName) to the name Zoho should"
                + " show; a body of type byte[] has no name of its own",
                e.getMessage());
        assertEquals(2, posts().size());
    }

    @Test
    void utf8FileNamesArriveIntact() {
        Exchange exchange = upload(UPLOAD, new byte[]{1, 2}, "Überblick \"Q3\" – 20 €.xlsx");

        assertNull(exchange.getException());
        assertEquals("Überblick \"Q3\" – 20 €.xlsx", stored().get("File_Name"));
    }

    @Test
    void attachesALinkWithItsTitle() {
        Exchange exchange = template.send(UPLOAD + "&attachmentUrl=https://www.zylker.com/brochure?lang=de&title=Brochure",
                e -> {
                });

        assertNull(exchange.getException());
        ZohoUploadResult result = exchange.getMessage().getBody(ZohoUploadResult.class);
        Map<String, Object> stored = stored();
        assertEquals(stored.get("id"), result.getId());
        assertEquals("Link URL", stored.get("$type"));
        assertEquals("https://www.zylker.com/brochure?lang=de", stored.get("$link_url"));
        assertEquals("Brochure", stored.get("File_Name"));
        assertEquals("https://www.zylker.com/brochure?lang=de", result.getLinkUrl());
        assertEquals("Brochure", result.getFileName());
        assertNull(result.getSize());
        RecordedRequest post = posts().get(0);
        assertEquals("https://www.zylker.com/brochure?lang=de", post.queryParam("attachmentUrl"));
        assertEquals("Brochure", post.queryParam("title"));
    }

    @Test
    void linkHeadersOverrideTheOptionsAndTheBodyIsNotSent() {
        Exchange exchange = template.send(UPLOAD + "&attachmentUrl=https://a.example/&title=A", e -> {
            e.getMessage().setBody(new byte[]{1, 2, 3});
            e.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_URL, "https://b.example/docs");
            e.getMessage().setHeader(ZohoAttachmentsConstants.TITLE, "B");
        });

        assertNull(exchange.getException());
        assertEquals("https://b.example/docs", stored().get("$link_url"));
        assertEquals("B", stored().get("File_Name"));
        assertEquals("", posts().get(0).body());
    }

    @Test
    void aKnownSizeAboveTheLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[1001]);

        Exchange bytes = upload(UPLOAD + "&maxUploadSize=1000", new byte[1001], "big.bin");
        Exchange file = upload(UPLOAD + "&maxUploadSize=1000", big.toFile(), null);

        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, bytes.getException());
        assertEquals("Upload of 'big.bin' refused: 1001 bytes is above maxUploadSize (1000 bytes); nothing was sent to Zoho",
                e.getMessage());
        assertEquals(e.getMessage(), file.getException().getMessage());
        assertTrue(zoho.requests().isEmpty(), "nothing may reach Zoho, not even a token request: " + zoho.requests());
    }

    @Test
    void aStreamOfUnknownLengthIsCountedAndAbortedAtTheLimit() {
        Exchange exchange = upload(UPLOAD + "&maxUploadSize=1000", new ByteArrayInputStream(new byte[5000]), "big.bin");

        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, exchange.getException());
        assertEquals("Upload of 'big.bin' stopped after more than 1000 bytes: above maxUploadSize (1000 bytes); the request"
                + " was aborted, so Zoho does not store it",
                e.getMessage());
        assertTrue(zoho.attachments("Leads", RECORD).isEmpty());
    }

    @Test
    void aPostWhoseAnswerIsLostIsNotRepeatedAndSaysSo() {
        zoho.fail("POST", ".*/Attachments").withTruncatedBody();

        Exchange exchange = upload(UPLOAD, new byte[]{1, 2, 3}, "a.txt");

        IOException e = assertInstanceOf(IOException.class, exchange.getException());
        assertTrue(e.getMessage().startsWith("POST /crm/v8/Leads/" + RECORD + "/Attachments failed after 1 attempt(s): "),
                e.getMessage());
        assertTrue(e.getMessage()
                .endsWith("(the request may have reached Zoho, so it was not repeated: check the outcome in Zoho CRM)"),
                e.getMessage());
        assertEquals(1, posts().size());
        assertEquals(1, zoho.attachments("Leads", RECORD).size(), "Zoho did store it: a retry would have made two");
    }

    @Test
    void refusedWith429Or503TheUploadIsSentAgainAndStoredOnce() {
        zoho.fail("POST", ".*/Attachments").withTooManyRequests();
        zoho.fail("POST", ".*/Attachments").withServiceUnavailable();
        byte[] content = randomBytes(50_000);

        Exchange exchange = upload(UPLOAD, content, "a.bin");

        assertNull(exchange.getException());
        assertEquals(3, posts().size());
        assertArrayEquals(content, zoho.content(stored().get("id").toString()));
    }

    @Test
    void aStreamAlreadySentIsNotSentAgainAndTheErrorSaysWhy() {
        zoho.fail("POST", ".*/Attachments").withTooManyRequests();

        Exchange exchange = upload(UPLOAD, new ByteArrayInputStream(new byte[100]), "a.bin");

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertEquals(429, e.getHttpStatus());
        assertEquals("Zoho CRM answered TOO_MANY_REQUESTS (HTTP 429) to POST /crm/v8/Leads/" + RECORD + "/Attachments: The API"
                + " has reached the concurrency limit (not retried: the file came from a stream that was already sent and"
                + " cannot be read again; upload a File, Path or byte[] to allow retries)",
                e.getMessage());
        assertEquals(1, posts().size());
        assertTrue(zoho.attachments("Leads", RECORD).isEmpty());
    }

    @Test
    void aStreamCachedByCamelIsResetAndSentAgainAfterA429() throws Exception {
        zoho.fail("POST", ".*/Attachments").withTooManyRequests();
        byte[] content = randomBytes(40_000);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                // Camel's stream caching (on by default) turns the InputStream into a re-readable StreamCache on entry
                from("direct:cached").process(e -> e.setProperty("bodyType", e.getMessage().getBody().getClass()))
                        .to(UPLOAD);
            }
        });

        Exchange exchange = upload("direct:cached", new ByteArrayInputStream(content), "cached.bin");

        assertNull(exchange.getException());
        assertTrue(StreamCache.class.isAssignableFrom(exchange.getProperty("bodyType", Class.class)),
                "body was " + exchange.getProperty("bodyType"));
        assertEquals(2, posts().size());
        assertArrayEquals(content, zoho.content(stored().get("id").toString()));
    }

    @Test
    void aServerErrorOnAnUploadIsNotRepeated() {
        zoho.fail("POST", ".*/Attachments").withInternalError();

        Exchange exchange = upload(UPLOAD, new byte[]{1}, "a.bin");

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertTrue(e.getMessage().endsWith("(not repeated: Zoho may have carried the POST out; check in Zoho CRM before"
                + " sending it again)"),
                e.getMessage());
        assertEquals(1, posts().size());
    }

    @Test
    void zohosRefusalOfTheFileIsAZohoApiException() {
        zoho.setUploadLimitBytes(10);

        Exchange exchange = upload(UPLOAD, new byte[11], "a.bin");

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertEquals("FILE_SIZE_MORE_THAN_ALLOWED_SIZE", e.getCode());
        assertEquals(413, e.getHttpStatus());
        assertEquals(1, posts().size());
    }

    @Test
    void downloadThenUploadCopiesAnAttachmentToAnotherRecord() throws Exception {
        byte[] content = randomBytes(120_000);
        String source = (String) zoho.addAttachment("Leads", RECORD, "Grundriss.png", content).get("id");
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:copy").to("zoho-attachments:download?module=Leads&recordId=" + RECORD)
                        .setHeader(ZohoAttachmentsConstants.RECORD_ID, constant(OTHER_RECORD))
                        .to("zoho-attachments:upload?module=Leads");
            }
        });

        Exchange exchange = template.send("direct:copy",
                e -> e.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, source));

        assertNull(exchange.getException());
        ZohoUploadResult copy = exchange.getMessage().getBody(ZohoUploadResult.class);
        assertEquals("Grundriss.png", copy.getFileName());
        assertArrayEquals(content, zoho.content(copy.getId()));
        assertEquals(copy.getId(), zoho.attachments("Leads", OTHER_RECORD).get(0).get("id"));
        assertNotNull(posts().get(0).header("Content-Length"), "the length Zoho announced for the download is used");
    }

    @Test
    void theResultSerialisesWithPlainJacksonToZohosKeys() throws Exception {
        Exchange exchange = upload(UPLOAD, new byte[]{1, 2, 3}, "a.txt");
        ZohoUploadResult result = exchange.getMessage().getBody(ZohoUploadResult.class);
        ObjectMapper mapper = new ObjectMapper();

        String json = mapper.writeValueAsString(result);

        assertTrue(json.startsWith("{\"id\":\"" + result.getId() + "\",\"File_Name\":\"a.txt\",\"Size\":3,\"Created_Time\":\""),
                json);
        assertTrue(json.contains("\"Created_By\":{"), json);
        assertEquals(result, mapper.readValue(json, ZohoUploadResult.class));
    }

    static Stream<Arguments> badUploads() {
        return Stream.of(
                Arguments.of(UPLOAD, Map.of(ZohoAttachmentsConstants.ATTACHMENT_URL, "javascript:alert(1)"),
                        "Invalid header CamelZohoAttachmentUrl 'javascript:alert(1)': must be an http or https URL with a host"),
                Arguments.of(UPLOAD, Map.of(ZohoAttachmentsConstants.ATTACHMENT_URL, "https://bob:hunter2@intranet.example/x"),
                        "Invalid header CamelZohoAttachmentUrl 'https://***@intranet.example/x': must not carry a user name or"
                                + " password"),
                Arguments.of(UPLOAD + "&attachmentUrl=https://a.example/",
                        Map.of(ZohoAttachmentsConstants.TITLE, "x".repeat(256)),
                        "Invalid header CamelZohoTitle '" + "x".repeat(80) + "...(256 chars)': is 256 characters long; at"
                                + " most 255"),
                Arguments.of(UPLOAD, Map.of(ZohoAttachmentsConstants.FILE_NAME, "report\r\n.pdf"),
                        "Invalid header CamelZohoFileName 'report\\u000d\\u000a.pdf': must not contain control characters"),
                Arguments.of(UPLOAD, Map.of(ZohoAttachmentsConstants.FILE_NAME, "../report.pdf"),
                        "Invalid header CamelZohoFileName '../report.pdf': must be a file name without a directory: no / or \\"),
                Arguments.of(UPLOAD, Map.of(Exchange.FILE_NAME, "archive/"),
                        "Invalid header CamelFileName 'archive/': names a directory, not a file"),
                Arguments.of(UPLOAD, Map.of(ZohoAttachmentsConstants.RECORD_ID, "12;DROP"),
                        "Invalid header CamelZohoRecordId '12;DROP': must be a record id: digits only"));
    }

    @ParameterizedTest
    @MethodSource("badUploads")
    void badInputFailsBeforeAnythingIsSent(String uri, Map<String, Object> headers, String message) {
        Exchange exchange = template.send(uri, e -> {
            e.getMessage().setBody(new byte[]{1});
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });

        Throwable e = exchange.getException();
        assertNotNull(e, "the exchange failed");
        assertEquals(message, rootCause(e).getMessage());
        assertInstanceOf(IllegalArgumentException.class, rootCause(e));
        assertTrue(zoho.requests().isEmpty(), "nothing may reach Zoho: " + zoho.requests());
    }

    @Test
    void bodiesThatAreNotFilesAreRefusedClearly() {
        Exchange empty = upload(UPLOAD, null, "a.txt");
        Exchange attachment = upload(UPLOAD, new ZohoAttachment(), "a.txt");

        assertEquals("Nothing to upload: the body is empty; send a File, Path, byte[], InputStream or String, or a file from"
                + " the file component, or set attachmentUrl to attach a link",
                empty.getException().getMessage());
        assertEquals("Cannot upload a body of type io.github.camelzoho.attachments.client.ZohoAttachment: send a File, Path,"
                + " byte[], InputStream or String, or a file from the file component, or set attachmentUrl to attach a link",
                attachment.getException().getMessage());
        assertTrue(zoho.requests().isEmpty());
    }

    @Test
    void badOptionValuesFailAtStartup() {
        for (String[] bad : new String[][]{
                {"&maxUploadSize=0", "Invalid maxUploadSize '0': must be at least 1"},
                {"&maxUploadSize=100MB", "Invalid maxUploadSize '100MB': must be a whole number"},
                {"&attachmentUrl=ftp://files.example/a",
                        "Invalid attachmentUrl 'ftp://files.example/a': must be an http or https URL with a host"},
                {"&title=" + "t".repeat(300) + "&attachmentUrl=https://a.example/",
                        "Invalid title '" + "t".repeat(80) + "...(300 chars)': is 300 characters long; at most 255"}}) {
            Exception e = assertThrows(Exception.class, () -> template.send(UPLOAD + bad[0], x -> {
            }));
            assertEquals(bad[1], rootCause(e).getMessage());
        }
        assertTrue(zoho.requests().isEmpty());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
