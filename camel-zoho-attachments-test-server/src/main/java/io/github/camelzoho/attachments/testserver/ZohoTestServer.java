package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * An embeddable HTTP server on 127.0.0.1 that behaves like Zoho CRM's OAuth token endpoint ({@code POST
 * /oauth/v2/token}) and its Attachments API ({@code /crm/v3..v8/{module}/{recordId}/Attachments}), so routes can be tested
 * offline, deterministically, and against the failures the real service produces.
 * <p>
 * One base URL serves both the accounts server and the API domain. Every record id exists; attachments are listed newest first
 * (most recently added first). Listings return only the requested {@code fields} plus {@code id} and
 * {@code $sharing_permission}, a key Zoho's docs do not list, always present so that clients are exercised against unknown
 * keys. All methods are thread-safe, and the server handles many concurrent clients on a pool of up to 200 threads. The server
 * turns on TCP_NODELAY for the JDK's HTTP server (property {@code sun.net.httpserver.nodelay}) unless set otherwise, which
 * takes effect only if no JDK HttpServer was started in the JVM before. Typical use:
 *
 * <pre>{@code
 * try (ZohoTestServer zoho = ZohoTestServer.start()) {
 *     zoho.registerClient("id", "secret", "refresh");
 *     zoho.seedAttachments("Leads", "123", 5);
 *     // point the client at zoho.baseUrl() for both accounts server and API domain
 * }
 * }</pre>
 *
 * @see FaultBuilder for injected failures
 */
public final class ZohoTestServer implements AutoCloseable {

    /** Client id registered by {@link #main(String[])}, for demos and examples. */
    public static final String DEMO_CLIENT_ID = "1000.DEMOCLIENTID00000000000000000";
    /** Client secret registered by {@link #main(String[])}. */
    public static final String DEMO_CLIENT_SECRET = "demo-client-secret-0000000000000000000000";
    /** Refresh token registered by {@link #main(String[])}. */
    public static final String DEMO_REFRESH_TOKEN = "1000.demorefreshtoken0000000000000000.00000000000000000000000000000000";
    /** An access token {@link #main(String[])} accepts without expiry, for curl. */
    public static final String DEMO_ACCESS_TOKEN = "1000.demoaccesstoken00000000000000000.00000000000000000000000000000000";

    /** A Lead that {@link #seedSampleData()} gives three files and one link. */
    public static final String SAMPLE_LEAD_ID = "4876876000000376008";
    /** A Lead that {@link #seedSampleData()} leaves without attachments (its listing answers 204). */
    public static final String SAMPLE_EMPTY_LEAD_ID = "4876876000000376010";
    /** A Deal that {@link #seedSampleData()} gives two files and a generated 5 MB video. */
    public static final String SAMPLE_DEAL_ID = "4876876000000391012";

    static {
        // The JDK server flushes headers and body in separate writes; with Nagle's algorithm on, the body then waits
        // for the client's delayed ACK (about 40 ms per response). Read once, when the JVM's first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final String baseUrl;
    private final AttachmentStore store = new AttachmentStore();
    private final OAuthTokens tokens;
    private final AttachmentsApi api;
    private final Faults faults = new Faults();
    private final Dispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ZohoTestServer(int port) throws IOException {
        // a backlog large enough for 100 clients connecting at once without SYN retries
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        int actualPort = http.getAddress().getPort();
        baseUrl = "http://127.0.0.1:" + actualPort;
        tokens = new OAuthTokens(() -> baseUrl);
        api = new AttachmentsApi(store, tokens);
        dispatcher = new Dispatcher(tokens, api, faults);
        AtomicInteger threadNumber = new AtomicInteger();
        executor = new ThreadPoolExecutor(200, 200, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "zoho-test-server-" + actualPort + "-" + threadNumber.incrementAndGet());
            // never keep a test JVM alive
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        http.setExecutor(executor);
        http.createContext("/", dispatcher);
        http.start();
    }

    /**
     * Starts a server on 127.0.0.1 on an ephemeral port.
     *
     * @throws UncheckedIOException
     *             if it cannot bind
     */
    public static ZohoTestServer start() {
        return start(0);
    }

    /**
     * Starts a server on 127.0.0.1 on a fixed port (0 for an ephemeral one).
     *
     * @throws UncheckedIOException
     *             if it cannot bind, e.g. the port is taken
     */
    public static ZohoTestServer start(int port) {
        try {
            return new ZohoTestServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Zoho test server on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: both the accounts server and the API domain. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port the server listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops at once, dropping requests in progress, and ends the worker threads. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.stop(0);
            executor.shutdownNow();
        }
    }

    // ---- OAuth

    /**
     * Registers credentials the token endpoint accepts. A client may have several refresh tokens; registering a client id again
     * replaces its secret.
     */
    public void registerClient(String clientId, String clientSecret, String refreshToken) {
        tokens.registerClient(clientId, clientSecret, refreshToken);
    }

    /** Adds an access token the API accepts and that never expires, for clients configured with a fixed token. */
    public void addAccessToken(String token) {
        tokens.addAccessToken(token);
    }

    /** Rejects every access token issued or added so far with 401 INVALID_TOKEN; later ones work. */
    public void revokeAccessTokens() {
        tokens.revokeAccessTokens();
    }

    /**
     * Makes later refreshes with this token answer HTTP 200 {@code {"error":"invalid_code"}}. Access tokens already minted with
     * it stay valid.
     */
    public void revokeRefreshToken(String refreshToken) {
        tokens.revokeRefreshToken(refreshToken);
    }

    /**
     * The lifetime of tokens minted from now on (default 1 hour). {@code expires_in} is in whole seconds, rounded up; the API
     * rejects a token past its lifetime with INVALID_TOKEN.
     */
    public void setTokenLifetime(Duration lifetime) {
        tokens.setTokenLifetime(lifetime);
    }

    /**
     * When true, token responses have Zoho's old shape: {@code expires_in} in milliseconds plus {@code expires_in_sec} in
     * seconds.
     */
    public void setLegacyExpiryInMillis(boolean legacy) {
        tokens.setLegacyExpiryInMillis(legacy);
    }

    /** The {@code api_domain} the token endpoint returns (default {@link #baseUrl()}), e.g. to test another DC. */
    public void setTokenApiDomain(String apiDomain) {
        tokens.setApiDomain(apiDomain);
    }

    /**
     * Zoho's throttle: at most {@code tokens} mints per refresh token within a sliding {@code window} (default 10 per 10
     * minutes). Over it the endpoint answers HTTP 200 {@code {"error":"Access Denied",...}}.
     */
    public void setMintLimit(int tokens, Duration window) {
        this.tokens.setMintLimit(tokens, window);
    }

    /** How many access tokens the token endpoint has successfully minted. */
    public int tokensMinted() {
        return tokens.tokensMinted();
    }

    // ---- API behaviour

    /** Makes a custom module's API name acceptable in URLs (standard modules always are). */
    public void addModule(String apiName) {
        store.addModule(apiName);
    }

    /**
     * How many attachments the {@code page} parameter reaches in the module-level listing before
     * DISCRETE_PAGINATION_LIMIT_EXCEEDED (Zoho's record listings: 2,000, the default; at least 200), e.g. a few hundred to meet
     * the limit with small pages and a few hundred attachments.
     */
    public void setModuleListingPageLimit(int attachments) {
        api.moduleListings().setAttachmentsPageLimit(attachments);
    }

    /** When the listing gives page tokens (default {@link PageTokenMode#ALWAYS}). */
    public void setPageTokenMode(PageTokenMode mode) {
        api.setPageTokenMode(mode);
    }

    /** Uploads whose file is larger than this answer 413 FILE_SIZE_MORE_THAN_ALLOWED_SIZE (default 100 MiB). */
    public void setUploadLimitBytes(long bytes) {
        api.setUploadLimit(bytes);
    }

    /**
     * What the module-level listing does with {@code sort_by} and {@code sort_order} (default
     * {@link ModuleListingSort#HONOURED}).
     */
    public void setModuleListingSort(ModuleListingSort sort) {
        api.moduleListings().setSort(sort);
    }

    /**
     * Runs before each API request (not the token endpoint) is answered, on the server's thread: e.g. to delete an attachment
     * between two pages of a listing, as a user could. Null removes it.
     */
    public void beforeEachAnswer(Consumer<RecordedRequest> hook) {
        dispatcher.setBeforeAnswer(hook);
    }

    /** The order of the module-level listing {@code GET /crm/v8/Attachments} (default newest first). */
    public void setModuleListingOrder(ModuleListingOrder order) {
        api.moduleListings().setOrder(order);
    }

    /**
     * Makes the module-level listing {@code GET /crm/v8/Attachments} answer with this Zoho error code, as an older edition
     * (INVALID_MODULE, 400), a user without the permission (NO_PERMISSION, 403) or a token without the scope
     * (OAUTH_SCOPE_MISMATCH, 401) would; null serves it again.
     */
    public void refuseModuleListing(String zohoCode) {
        api.moduleListings().setRefusal(zohoCode);
    }

    /**
     * Whether the module-level listing honours {@code If-Modified-Since} (default true, with 304 when nothing is newer); false
     * answers every request with the whole listing, as a CRM that ignores the header would.
     */
    public void setModuleListingHonoursIfModifiedSince(boolean honoured) {
        api.moduleListings().setIfModifiedSinceHonoured(honoured);
    }

    // ---- seeding and inspection

    /**
     * The clock that gives new attachments their Created_Time (the system clock by default): set an earlier one to seed
     * attachments that existed long before a test starts.
     */
    public void setClock(Clock clock) {
        store.setClock(clock);
    }

    /**
     * Adds a file attachment, as if a user had uploaded it in Zoho's UI. An unknown module becomes a custom module.
     *
     * @return the attachment's full JSON, as the listing would give it
     */
    public Map<String, Object> addAttachment(String module, String recordId, String fileName, byte[] content) {
        byte[] copy = content.clone();
        return store.add(module, recordId, (id, m, r, p, t) -> StoredAttachment.file(id, m, r, p, fileName, copy, t))
                .toJson();
    }

    /**
     * Adds a file attachment whose content is never stored but generated on download: pseudo-random bytes determined by file
     * name and size only, so a large file costs no memory and {@link #contentSha256(String)} can verify it.
     *
     * @return the attachment's full JSON
     */
    public Map<String, Object> addGeneratedAttachment(String module, String recordId, String fileName, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        return store.add(module, recordId,
                (id, m, r, p, t) -> StoredAttachment.generated(id, m, r, p, fileName, size, t)).toJson();
    }

    /**
     * Adds {@code count} small text attachments named {@code file-1.txt}, {@code file-2.txt}... (numbering continues after the
     * record's existing attachments). Fast enough for 100,000.
     *
     * @return their JSON in the order added (oldest first); the maps are built when read
     */
    public List<Map<String, Object>> seedAttachments(String module, String recordId, int count) {
        return new JsonView(store.seed(module, recordId, count));
    }

    /**
     * As {@link #seedAttachments(String, String, int)}, created (and modified) at the given time, e.g. to seed a history that a
     * listing with {@code If-Modified-Since} must tell apart from new attachments. Moves the record's Last_Activity_Time.
     */
    public List<Map<String, Object>> seedAttachments(String module, String recordId, int count, Instant created) {
        return new JsonView(store.seed(module, recordId, count, created));
    }

    /**
     * Makes a record appear in its module's record listing ({@code GET /crm/v8/{module}}) without attachments. Records that got
     * attachments appear there anyway.
     */
    public void addRecord(String module, String recordId) {
        store.addRecord(module, recordId, Instant.now());
    }

    /**
     * A snapshot of the record's attachments in listing order (newest first); the maps are built when read. Empty for an
     * unknown module or record.
     */
    public List<Map<String, Object>> attachments(String module, String recordId) {
        String apiName = store.resolveModule(module);
        return apiName == null ? List.of() : new JsonView(store.list(apiName, recordId));
    }

    /**
     * Removes a record with its attachments, as if a user had deleted it in Zoho's UI (it leaves the module's record listing);
     * false if the module has no such record.
     */
    public boolean removeRecord(String module, String recordId) {
        String apiName = store.resolveModule(module);
        return apiName != null && store.removeRecord(apiName, recordId);
    }

    /** Removes an attachment as if a user had deleted it in Zoho's UI; false if the record has no such attachment. */
    public boolean removeAttachment(String module, String recordId, String attachmentId) {
        String apiName = store.resolveModule(module);
        return apiName != null && store.remove(apiName, recordId, attachmentId);
    }

    /**
     * A copy of an attachment's stored bytes; null when unknown, a link, generated, or an upload over 16 MiB (whose bytes are
     * not kept).
     */
    public byte[] content(String attachmentId) {
        StoredAttachment a = store.get(attachmentId);
        return a == null ? null : a.contentCopy();
    }

    /** SHA-256 (lowercase hex) of an attachment's content, also for generated and large uploads; null for links. */
    public String contentSha256(String attachmentId) {
        StoredAttachment a = store.get(attachmentId);
        return a == null ? null : a.sha256();
    }

    /**
     * Adds a few realistic records for examples and demos (call once): Lead {@value #SAMPLE_LEAD_ID} "Kris Marrier" with
     * {@code Image.jpg}, {@code Requirements.txt}, {@code Proposal.pdf} and a link to the company website; Deal
     * {@value #SAMPLE_DEAL_ID} "Zylker Annual Renewal" with {@code Contract.pdf}, {@code Pricing.csv} and a generated 5 MB
     * {@code Product-demo.mp4}; Lead {@value #SAMPLE_EMPTY_LEAD_ID} "Carissa Kidman" without attachments.
     */
    public void seedSampleData() {
        SampleData.seed(store);
    }

    // ---- faults and observation

    /**
     * Every {@code /crm} request waits this long before it is handled (default none): for benchmarks and concurrency tests. The
     * token endpoint is not delayed.
     */
    public void setLatency(Duration latency) {
        dispatcher.setLatency(latency);
    }

    /**
     * Starts describing a fault for requests with this method ({@code "*"} for any) whose decoded path (without query) fully
     * matches {@code pathRegex}, e.g. {@code fail("GET", ".+/Attachments")} for every listing. Applies to the token endpoint
     * too.
     */
    public FaultBuilder fail(String method, String pathRegex) {
        return new FaultBuilder(faults, method, Pattern.compile(pathRegex));
    }

    /** Removes every fault not yet used up. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Every request received, in arrival order, token endpoint included (the most recent 100,000 are kept).
     */
    public List<RecordedRequest> requests() {
        return dispatcher.requests(null, null);
    }

    /** The recorded requests with this method ({@code "*"} for any) whose path fully matches {@code pathRegex}. */
    public List<RecordedRequest> requests(String method, String pathRegex) {
        return dispatcher.requests("*".equals(method) ? null : method, Pattern.compile(pathRegex));
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        dispatcher.clearRequests();
    }

    /**
     * The most {@code /crm} requests handled at the same time since start or {@link #resetMaxInFlight()}. A request counts from
     * its arrival until its answer starts (latency and delays included, a streamed body not), so a client that waits for each
     * answer before sending again is never seen above its own limit.
     */
    public int maxInFlight() {
        return dispatcher.maxInFlight();
    }

    /** Restarts {@link #maxInFlight()} from the number of requests in flight now. */
    public void resetMaxInFlight() {
        dispatcher.resetMaxInFlight();
    }

    /**
     * Runs a demo server until killed: {@code --port N} (default 8080), sample data seeded, and the client
     * {@link #DEMO_CLIENT_ID}/{@link #DEMO_CLIENT_SECRET}/{@link #DEMO_REFRESH_TOKEN} registered.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if (args[i].startsWith("--port=")) {
                port = Integer.parseInt(args[i].substring("--port=".length()));
            } else {
                System.err.println("usage: ZohoTestServer [--port N]");
                System.exit(2);
            }
        }
        ZohoTestServer server = start(port);
        server.seedSampleData();
        server.registerClient(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_REFRESH_TOKEN);
        server.addAccessToken(DEMO_ACCESS_TOKEN);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        String base = server.baseUrl();
        System.out.println("Zoho CRM test server at " + base + " (accounts server and API domain)");
        System.out.println("  client_id     = " + DEMO_CLIENT_ID);
        System.out.println("  client_secret = " + DEMO_CLIENT_SECRET);
        System.out.println("  refresh_token = " + DEMO_REFRESH_TOKEN);
        System.out.println("  access token  = " + DEMO_ACCESS_TOKEN + " (never expires)");
        System.out.println("Try: curl -H 'Authorization: Zoho-oauthtoken " + DEMO_ACCESS_TOKEN + "' '" + base
                + "/crm/v8/Leads/" + SAMPLE_LEAD_ID + "/Attachments?fields=id,File_Name,Size'");
        new CountDownLatch(1).await();
    }

    /** Attachment JSON built on access, so that listing 100,000 attachments is cheap. */
    private static final class JsonView extends AbstractList<Map<String, Object>> {

        private final List<StoredAttachment> items;

        JsonView(List<StoredAttachment> items) {
            this.items = items;
        }

        @Override
        public Map<String, Object> get(int index) {
            return items.get(index).toJson();
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
