package io.github.camelzoho.attachments;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.client.ZohoUploadResult;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Zoho's official Node SDK ({@code @zohocrm/nodejs-sdk-8.0} 2.0.0, pinned by src/test/node/package-lock.json) as a judge of the
 * bundled test server and of the component: every Attachments operation and a token refresh go through the SDK against one test
 * server, which must answer everything the SDK sends in a way the SDK parses; the same operations go through the component
 * against a second, identically seeded server; what the two servers received must match (method, path, query, form fields).
 * <p>
 * Needs {@code node} and {@code npm} (build/test.sh installs Debian's nodejs and npm when missing, under CI=true as root); the
 * SDK is installed with {@code npm ci} once into ~/.cache/camel-zoho-attachments. Without node, or when npm cannot install the
 * SDK, the test fails under {@code ZOHO_TEST_NO_SKIP=true} (as build/test.sh runs it) and is otherwise skipped with the reason,
 * loudly.
 */
@Timeout(300)
class ZohoSdkConformanceTest {

    private static final String CLIENT_ID = "1000.SDKCONFORMANCE";
    private static final String CLIENT_SECRET = "sdk-conformance-secret";
    private static final String REFRESH_TOKEN = "1000.sdk-conformance-refresh";
    private static final String RECORD = "4876876000000376008";
    private static final Path NODE_PROJECT = Path.of("src", "test", "node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sdkDir;

    @TempDir
    Path work;

    /** Per test rather than per class, so that Surefire counts a skip as a skipped test. */
    @BeforeEach
    void installTheSdk() throws Exception {
        String node = run(List.of("node", "--version"), null, Duration.ofSeconds(30));
        String npm = run(List.of("npm", "--version"), null, Duration.ofSeconds(30));
        if (node == null || npm == null) {
            skip("node and npm are not installed (build/test.sh installs Debian's nodejs and npm under CI=true as root)");
        }
        byte[] lock = Files.readAllBytes(NODE_PROJECT.resolve("package-lock.json"));
        String version = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lock)).substring(0, 12);
        sdkDir = Path.of(System.getProperty("user.home"), ".cache", "camel-zoho-attachments", "zoho-node-sdk-" + version);
        // written once npm ci succeeded, so that an interrupted install is redone
        Path installed = sdkDir.resolve(".installed");
        if (!Files.exists(installed)) {
            Files.createDirectories(sdkDir);
            Files.copy(NODE_PROJECT.resolve("package.json"), sdkDir.resolve("package.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(NODE_PROJECT.resolve("package-lock.json"), sdkDir.resolve("package-lock.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            if (run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), sdkDir,
                    Duration.ofMinutes(4)) == null) {
                skip("npm ci could not install @zohocrm/nodejs-sdk-8.0 from the npm registry into " + sdkDir);
            }
            Files.writeString(installed, "npm ci of package-lock.json " + version + "\n");
        }
        System.err.println("Zoho SDK conformance: node " + node.strip() + ", npm " + npm.strip() + ", SDK in " + sdkDir);
    }

    /**
     * A failure under {@code ZOHO_TEST_NO_SKIP=true} (which build/test.sh sets unless a developer opts out with
     * {@code ZOHO_TEST_ALLOW_SKIP=true}), else a loud skip: never a silent one.
     */
    private static void skip(String reason) {
        boolean noSkip = "true".equals(System.getenv("ZOHO_TEST_NO_SKIP"));
        System.err.println("==========================================================================================");
        System.err.println("== ZOHO SDK CONFORMANCE TEST " + (noSkip ? "FAILED" : "SKIPPED") + ": " + reason);
        System.err.println("==========================================================================================");
        if (noSkip) {
            fail("Zoho SDK conformance test cannot run: " + reason
                    + " (ZOHO_TEST_NO_SKIP=true: a missing prerequisite fails the test instead of skipping it)");
        }
        Assumptions.abort(reason);
    }

    /** Runs a command; its standard output, or null when it cannot run or fails. */
    private static String run(List<String> command, Path dir, Duration timeout) throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                System.err.println(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Three attachments on the record, with the same ids and content on every server seeded this way. */
    private static List<String> seed(ZohoTestServer server) {
        server.registerClient(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Contract.pdf", "Photo.jpg", "Notes.txt")) {
            ids.add((String) server.addAttachment("Leads", RECORD, name, (name + " content").getBytes(StandardCharsets.UTF_8))
                    .get("id"));
        }
        return ids;
    }

    @Test
    void zohosNodeSdkRunsEveryOperationAgainstTheTestServerAndSendsWhatTheComponentSends() throws Exception {
        try (ZohoTestServer sdkSide = ZohoTestServer.start(); ZohoTestServer componentSide = ZohoTestServer.start()) {
            List<String> ids = seed(sdkSide);
            assertEquals(ids, seed(componentSide));
            // the SDK refreshes a token that expires within 5 s: 7 s tokens, and a 2.5 s pause before the last call
            sdkSide.setTokenLifetime(Duration.ofSeconds(7));

            JsonNode sdk = runSdk(sdkSide, ids);

            List<String> listed = new ArrayList<>();
            sdk.path("list").forEach(a -> listed.add(a.path("id").asText()));
            assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), listed, "newest first: " + sdk);
            assertEquals(sdkSide.contentSha256(ids.get(0)), sdk.path("download").path("sha256").asText());
            assertEquals("Contract.pdf", sdk.path("download").path("name").asText());
            assertEquals("SUCCESS", sdk.path("upload").path("code").asText());
            assertEquals(sdk.path("upload").path("id").asText(), sdk.path("deleteOne").path("id").asText());
            assertEquals(2, sdk.path("deleteMany").size());
            assertEquals(2, sdk.path("listAfterRefresh").size(), "the uploaded link stays, the deleted three are gone");
            assertTrue(sdkSide.tokensMinted() >= 2, "the SDK refreshed its token: " + sdkSide.tokensMinted());
            assertEquals(1, sdkSide.requests("GET", "/crm/v8/users").size(), "the SDK asked for its user");

            runComponent(componentSide, ids, sdk.path("upload").path("id").asText());

            List<String> fromSdk = describe(apiRequests(sdkSide));
            List<String> fromComponent = describe(apiRequests(componentSide));
            System.out.println("Requests of Zoho's SDK and of the component, compared:\n" + String.join("\n", fromSdk));
            assertEquals(7, fromSdk.size(), "list, upload, link, download, delete, bulk delete, list: " + fromSdk);
            assertEquals(String.join("\n", fromSdk), String.join("\n", fromComponent),
                    "what the server received from Zoho's SDK (expected) and from the component (actual)");
            Map<String, String> sdkToken = tokenFields(sdkSide.requests("POST", "/oauth/v2/token").get(0));
            assertEquals(sdkToken, tokenFields(componentSide.requests("POST", "/oauth/v2/token").get(0)));
            assertEquals("refresh_token", sdkToken.get("grant_type"));
            assertTrue(sdkSide.requests("POST", "/oauth/v2/token").get(0).body().startsWith("[multipart/form-data"),
                    "the SDK sends its token request as multipart/form-data");
        }
    }

    private JsonNode runSdk(ZohoTestServer server, List<String> ids) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", NODE_PROJECT.resolve("sdk-conformance.mjs").toString());
        Map<String, String> env = builder.environment();
        env.put("ZOHO_SDK_DIR", sdkDir.toString());
        env.put("ZOHO_BASE_URL", server.baseUrl());
        env.put("ZOHO_WORK_DIR", work.toString());
        env.put("ZOHO_CLIENT_ID", CLIENT_ID);
        env.put("ZOHO_CLIENT_SECRET", CLIENT_SECRET);
        env.put("ZOHO_REFRESH_TOKEN", REFRESH_TOKEN);
        env.put("ZOHO_RECORD_ID", RECORD);
        env.put("ZOHO_FIELDS", ZohoAttachmentsClient.DEFAULT_FIELDS);
        env.put("ZOHO_DOWNLOAD_ID", ids.get(0));
        env.put("ZOHO_DELETE_IDS", ids.get(1) + "," + ids.get(2));
        env.put("ZOHO_REFRESH_WAIT_MS", "2500");
        Path stderr = work.resolve("node-stderr.txt");
        Process process = builder.redirectError(stderr.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the SDK script did not finish within 2 minutes");
        }
        String errors = Files.readString(stderr);
        if (process.exitValue() != 0) {
            Path log = work.resolve("sdk.log");
            fail("Zoho's SDK failed against the test server (exit " + process.exitValue() + "):\n" + errors
                    + (Files.exists(log) ? "\nSDK log:\n" + Files.readString(log) : ""));
        }
        return JSON.readTree(out);
    }

    private static void runComponent(ZohoTestServer server, List<String> ids, String uploadedId) throws Exception {
        CamelContext context = new DefaultCamelContext();
        try {
            ZohoAttachmentsConfiguration config = ZohoTestSupport.pointAt(context, server);
            config.setClientId(CLIENT_ID);
            config.setClientSecret(CLIENT_SECRET);
            config.setRefreshToken(REFRESH_TOKEN);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String base = "zoho-attachments:%s?module=Leads&recordId=" + RECORD;
            assertEquals(3, template.requestBody(base.formatted("list"), null, List.class).size());
            ZohoUploadResult uploaded = template.requestBodyAndHeader(base.formatted("upload"),
                    "Signed contract, scanned by Zoho's own SDK\n".getBytes(StandardCharsets.UTF_8), Exchange.FILE_NAME,
                    "conformance.txt", ZohoUploadResult.class);
            assertEquals(uploadedId, uploaded.getId(), "both servers gave the upload the same id");
            template.requestBody(base.formatted("upload") + "&attachmentUrl=https://www.zylker.com/brochure.pdf&title=Brochure",
                    (Object) null);
            template.requestBody(base.formatted("download") + "&attachmentId=" + ids.get(0), null, byte[].class);
            template.requestBody(base.formatted("delete") + "&attachmentId=" + uploadedId, (Object) null);
            template.requestBody(base.formatted("delete") + "&attachmentId=" + ids.get(1) + "," + ids.get(2), (Object) null);
            assertEquals(2, template.requestBody(base.formatted("list"), null, List.class).size());
        } finally {
            context.stop();
        }
    }

    /** The Attachments API requests a server received (the token and users requests left out). */
    private static List<RecordedRequest> apiRequests(ZohoTestServer server) {
        return server.requests().stream().filter(r -> r.path().contains("/Attachments")).toList();
    }

    /** Method, path, query parameters (sorted) and form fields of each request, one line each. */
    private static List<String> describe(List<RecordedRequest> requests) {
        List<String> lines = new ArrayList<>();
        for (RecordedRequest r : requests) {
            Map<String, List<String>> query = new TreeMap<>(r.queryParams());
            lines.add(r.method() + " " + r.path() + " " + query + " " + formFields(r));
        }
        return lines;
    }

    private static final Pattern MULTIPART_FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"(?: \\((\\d+) bytes\\))?");

    /** The multipart parts (name, file name or value, size) or urlencoded fields of a request's body; {} when none. */
    private static Map<String, String> formFields(RecordedRequest r) {
        Map<String, String> fields = new TreeMap<>();
        String body = r.body() == null ? "" : r.body();
        if (body.startsWith("[multipart/form-data:")) {
            Matcher m = MULTIPART_FIELD.matcher(body);
            while (m.find()) {
                fields.put(m.group(1), m.group(2) + (m.group(3) == null ? "" : " (" + m.group(3) + " bytes)"));
            }
        } else if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static Map<String, String> tokenFields(RecordedRequest r) {
        Map<String, String> fields = new LinkedHashMap<>(new TreeMap<>(formFields(r)));
        r.queryParams().forEach((k, v) -> fields.put(k, v.get(0)));
        assertFalse(fields.isEmpty(), "a token request without parameters: " + r);
        return new TreeMap<>(fields);
    }
}
