package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire client on its own, as a user of the client package would use it: no CamelContext, no Camel type, only the client, a
 * token provider and the Zoho-compatible test server.
 */
class ZohoAttachmentsClientTest {

    private static final String RECORD = "4876876000000376008";

    private ZohoTestServer zoho;
    private CloseableHttpClient tokenHttp;
    private ZohoAttachmentsClient client;

    @BeforeEach
    void start() {
        zoho = ZohoTestServer.start();
        zoho.registerClient("client-id", "client-secret", "refresh-token");
        tokenHttp = ZohoHttpClients.create(ZohoHttpSettings.builder().build());
        ZohoRefreshTokenProvider tokens = new ZohoRefreshTokenProvider(zoho.baseUrl(), "client-id", "client-secret",
                "refresh-token",
                tokenHttp, false);
        client = ZohoAttachmentsClient.builder().apiDomain(zoho.baseUrl()).tokenProvider(tokens).build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        tokenHttp.close();
        zoho.close();
    }

    @Test
    void listsEveryPageOfARecordWithOneTokenForAllCalls() throws IOException {
        zoho.seedAttachments("Leads", RECORD, 7);

        List<ZohoAttachment> attachments = client.listAttachments(ZohoRecordPath.of("Leads", RECORD),
                ZohoAttachmentsClient.DEFAULT_FIELDS, 3);

        assertEquals(7, attachments.size());
        assertEquals(zoho.attachments("Leads", RECORD).stream().map(a -> a.get("id")).collect(Collectors.toSet()),
                attachments.stream().map(ZohoAttachment::getId).collect(Collectors.toSet()));
        List<RecordedRequest> listings = zoho.requests("GET", "/crm/v8/Leads/" + RECORD + "/Attachments");
        // The first page by number, the next ones by the token Zoho hands out (page and page_token are never combined).
        assertEquals(3, listings.size());
        assertEquals("1", listings.get(0).queryParam("page"));
        assertTrue(
                listings.subList(1, 3).stream()
                        .allMatch(r -> r.queryParam("page") == null && r.queryParam("page_token") != null),
                listings.toString());
        assertTrue(listings.stream().allMatch(r -> "3".equals(r.queryParam("per_page"))));
        assertEquals(1, zoho.tokensMinted());
    }

    @Test
    void uploadsDownloadsAndDeletesAFile() throws IOException {
        byte[] content = "quarterly figures".getBytes(StandardCharsets.UTF_8);

        ZohoUploadResult uploaded = client.uploadFile(ZohoRecordPath.of("Leads", RECORD),
                ZohoUploadContent.ofBytes("figures.txt", content),
                1_000_000);
        byte[] downloaded;
        try (ZohoDownloadStream stream = client.downloadAttachment(ZohoRecordPath.of("Leads", RECORD), uploaded.getId())) {
            assertEquals("figures.txt", stream.getFileName());
            downloaded = stream.readAllBytes();
        }
        List<ZohoDeleteResult> deleted = client.deleteAttachments(ZohoRecordPath.of("Leads", RECORD),
                List.of(uploaded.getId()));

        assertArrayEquals(content, downloaded);
        assertEquals(1, deleted.size());
        assertTrue(deleted.get(0).isSuccess(), deleted.toString());
        assertEquals(uploaded.getId(), deleted.get(0).getId());
        assertEquals(List.of(), zoho.attachments("Leads", RECORD));
        String attachments = "/crm/v8/Leads/" + RECORD + "/Attachments";
        assertEquals(List.of("POST /oauth/v2/token", "POST " + attachments, "GET " + attachments + "/" + uploaded.getId(),
                "DELETE " + attachments + "/" + uploaded.getId()),
                zoho.requests().stream().map(r -> r.method() + " " + r.path()).toList());
    }

    @Test
    void anEmptyRecordIsAnEmptyList() throws IOException {
        assertEquals(List.of(),
                client.listAttachments(ZohoRecordPath.of("Leads", "4876876000000999999"), ZohoAttachmentsClient.DEFAULT_FIELDS,
                        200));
    }

    /** Without Camel nothing checked the values before: each public method refuses bad ones, naming them, and sends nothing. */
    @Test
    void badArgumentsAreRefusedNamingThemBeforeAnythingIsSent() {
        ZohoRecordPath lead = ZohoRecordPath.of("Leads", RECORD);
        List<Executable> calls = List.of(
                () -> ZohoRecordPath.of("Leads/../Users", RECORD),
                () -> ZohoRecordPath.of("Leads", "12 OR 1=1"),
                () -> client.listAttachments(ZohoRecordPath.ofModule("module", "Leads"), null, 200),
                () -> client.listAttachments(null, null, 200),
                () -> client.listAttachments(lead, "id,File Name", 200),
                () -> client.listAttachments(lead, null, 201),
                () -> client.deleteAttachments(lead, List.of("1", "1")),
                () -> client.downloadAttachment(lead, "1,2"),
                () -> client.uploadFile(lead, ZohoUploadContent.ofBytes("a.txt", new byte[2]), 0),
                () -> client.uploadLink(lead, "javascript:alert(1)", null),
                () -> client.uploadLink(lead, "https://a.example/", "t".repeat(256)));

        List<String> messages = calls.stream()
                .map(call -> assertThrows(IllegalArgumentException.class, call).getMessage()).toList();

        assertEquals(List.of(
                "Invalid module 'Leads/../Users': must be a module API name: a letter, then letters, digits or underscores",
                "Invalid recordId '12 OR 1=1': must be a record id: digits only",
                "recordId is required: a record id (digits only)",
                "record is required: ZohoRecordPath.of(module, recordId)",
                "Invalid fields 'id,File Name': 'File Name' is not a field API name",
                "Invalid perPage '201': must be from 1 to 200",
                "Invalid attachmentId '1,1': names id 1 twice",
                "Invalid attachmentId '1,2': names several ids; this operation takes one attachment id",
                "Invalid maxUploadSize '0': must be at least 1",
                "Invalid attachmentUrl 'javascript:alert(1)': must be an http or https URL with a host",
                "Invalid title '" + "t".repeat(80) + "...(256 chars)': is 256 characters long; at most 255"), messages);
        assertEquals(List.of(), zoho.requests());
    }

    /** Found by the bad-input property test: a control character is not blank to isBlank(), but nothing once trimmed. */
    @Test
    void aFixedAccessTokenOfControlCharactersIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ZohoFixedAccessTokenProvider("\u0000"));
        assertEquals("accessToken must not be blank", e.getMessage());
    }

    /**
     * The README promises the client package can be used without Camel: no class of it, or of its sub-packages
     * ({@code client.internal}), may refer to one of Camel's.
     */
    @Test
    void theClientPackageAndItsSubPackagesReferToNoCamelClass() throws IOException {
        Path classes = Path.of(ZohoAttachmentsClient.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                "io/github/camelzoho/attachments/client");
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        List<String> referringToCamel = classFiles.stream()
                .filter(f -> new String(read(f), StandardCharsets.ISO_8859_1).contains("org/apache/camel/"))
                .map(f -> classes.relativize(f).toString()).sorted().toList();

        assertTrue(classFiles.size() > 20, "the client's classes are at " + classes);
        assertTrue(classFiles.stream().anyMatch(f -> f.startsWith(classes.resolve("internal"))),
                "the walk reaches client/internal: " + classFiles);
        assertEquals(List.of(), referringToCamel);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
