package io.github.camelzoho.attachments;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.client.ZohoHttpSettings;
import io.github.camelzoho.attachments.client.ZohoRecordPath;
import io.github.camelzoho.attachments.client.ZohoRetryPolicy;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** List, delete, download, upload and consume the attachments of Zoho CRM records. */
@ManagedResource(description = "Zoho CRM Attachments endpoint")
@UriEndpoint(firstVersion = "0.1.0", scheme = "zoho-attachments", title = "Zoho CRM Attachments", syntax = "zoho-attachments:operation", category = {
        Category.SAAS, Category.FILE}, headersClass = ZohoAttachmentsConstants.class)
public class ZohoAttachmentsEndpoint extends ScheduledPollEndpoint {

    /** The consumer's poll delay unless {@code delay} is set: one poll a minute is 1,440 credits a day when idle. */
    static final long DEFAULT_CONSUMER_DELAY = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(ZohoAttachmentsEndpoint.class);

    @UriPath(description = "What to do: list a record's attachments (or, as a consumer, receive new ones), delete attachments,"
            + " download one attachment's content as a stream, or upload a file or a link to a record.")
    @Metadata(required = true)
    private final ZohoAttachmentsOperation operation;
    @UriParam
    private final ZohoAttachmentsConfiguration configuration;
    /** Declared only so that Camel's catalog shows the consumer's default, not the scheduler's; the configurer sets super's. */
    @UriParam(label = "consumer,scheduler", defaultValue = "60000", javaType = "java.time.Duration", description = "Milliseconds (or a duration such as 5m) before the next poll: one poll a minute unless set.")
    private long delay;

    private ZohoAttachmentsClient client;
    private CheckedOptions checked;
    private ZohoCredentialSessions.Session session;
    private final ZohoRequestMeter requests = new ZohoRequestMeter();
    /** Set while polls are skipped over maxRequestsPerDay, so that it is logged once. */
    private final AtomicBoolean overBudget = new AtomicBoolean();
    /** Set once a consumer's start-up check of the module ran (whatever its outcome, unless it failed the start). */
    volatile boolean moduleChecked;
    /**
     * Where a whole-module watch keeps its position without a stateRepository: in memory, with the endpoint, so that a route
     * restart keeps it (Camel may create the route's consumer again).
     */
    private final MemoryStateRepository positionInMemory = new MemoryStateRepository();
    /** The host's clock, for the consumer (tests set one ahead of or behind Zoho's). */
    private Clock clock = Clock.systemUTC();

    public ZohoAttachmentsEndpoint(String uri, ZohoAttachmentsComponent component, ZohoAttachmentsOperation operation,
            ZohoAttachmentsConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public ZohoAttachmentsComponent getComponent() {
        return (ZohoAttachmentsComponent) super.getComponent();
    }

    public ZohoAttachmentsOperation getOperation() {
        return operation;
    }

    public ZohoAttachmentsConfiguration getConfiguration() {
        return configuration;
    }

    /** The wire client of this endpoint; available once the endpoint is initialised. */
    public ZohoAttachmentsClient getClient() {
        return client;
    }

    /** Options used on every call, checked once in doInit and handed on as they are (attachmentIds null when not set). */
    record CheckedOptions(ZohoRecordPath recordPath, List<ZohoRecordPath> records, List<String> attachmentIds) {
    }

    CheckedOptions checked() {
        return checked;
    }

    @Override
    public Producer createProducer() throws Exception {
        if (checked.records().size() > 1) {
            throw InputValidator.invalid("recordId", configuration.getRecordId(),
                    "a producer works on one record; only the consumer takes several ids");
        }
        return new ZohoAttachmentsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != ZohoAttachmentsOperation.list) {
            throw new IllegalArgumentException("zoho-attachments:" + operation
                    + " cannot be used as a consumer (from): only zoho-attachments:list can");
        }
        InputValidator.atLeast("maxMessagesPerPoll", configuration.getMaxMessagesPerPoll(), 0);
        InputValidator.atLeast("inProgressLease", configuration.getInProgressLease(), 1);
        ZohoAttachmentsConsumer consumer = new ZohoAttachmentsConsumer(this, processor);
        configureConsumer(consumer);
        if (getDelay() < 0) {
            // delay not set: Zoho's own default, not Camel's 500 ms (172,800 credits a day per watched listing)
            consumer.setDelay(getTimeUnit().convert(DEFAULT_CONSUMER_DELAY, TimeUnit.MILLISECONDS));
        }
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        return consumer;
    }

    /** Every option value is checked here, at route start-up, before anything is sent to Zoho. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ZohoAttachmentsConfiguration c = configuration;
        ZohoRecordPath module = ZohoRecordPath.ofModule("module", c.getModule());
        List<ZohoRecordPath> records = c.getRecordId() == null ? List.of() : module.withRecordIds("recordId", c.getRecordId());
        List<String> attachmentIds = c.getAttachmentId() == null
                ? null
                : operation == ZohoAttachmentsOperation.download
                        ? List.of(InputValidator.attachmentId("attachmentId", c.getAttachmentId()))
                        : InputValidator.attachmentIds("attachmentId", c.getAttachmentId());
        checked = new CheckedOptions(records.size() == 1 ? records.get(0) : module, records, attachmentIds);
        if (c.getAttachmentUrl() != null) {
            InputValidator.attachmentUrl("attachmentUrl", c.getAttachmentUrl());
        }
        InputValidator.title("title", c.getTitle());
        InputValidator.atLeast("maxUploadSize", c.getMaxUploadSize(), 1);
        InputValidator.atLeast("maxRequestsPerDay", c.getMaxRequestsPerDay(), 0);
        InputValidator.atLeast("modifiedSinceOverlap", c.getModifiedSinceOverlap(), 0);
        InputValidator.fields("fields", c.getFields());
        InputValidator.perPage("perPage", c.getPerPage());
        if (c.getDataCenter() == null) {
            throw new IllegalArgumentException("dataCenter is required: one of US, EU, IN, AU, JP, CA, CN, SA, UK");
        }
        String accountsUrl = c.getAccountsDomain() == null
                ? c.getDataCenter().accountsUrl()
                : InputValidator.baseUrl("accountsDomain", c.getAccountsDomain());
        checkCredentials(c);
        // the retry options, apiVersion and apiDomain are checked by ZohoRetryPolicy and the client's builder, below
        ZohoRetryPolicy retryPolicy = new ZohoRetryPolicy(c.getMaxRetries(), Duration.ofMillis(c.getRetryInitialDelay()),
                Duration.ofMillis(c.getRetryMaxDelay()));
        InputValidator.atLeast("maxConcurrentRequests", c.getMaxConcurrentRequests(), 1);
        InputValidator.atLeast("connectTimeout", c.getConnectTimeout(), 0);
        InputValidator.atLeast("responseTimeout", c.getResponseTimeout(), 0);
        if (c.getProxyPort() != null && (c.getProxyPort() < 1 || c.getProxyPort() > 65535)) {
            throw InputValidator.invalid("proxyPort", String.valueOf(c.getProxyPort()), "must be from 1 to 65535");
        }

        if (c.getTokenStoreFile() != null) {
            tokenStoreFile(c.getTokenStoreFile());
        }

        SSLContextParameters tls = c.getSslContextParameters() != null
                ? c.getSslContextParameters()
                : getComponent().retrieveGlobalSslContextParameters();
        ZohoHttpSettings httpSettings = httpSettings(c, tls);
        session = getComponent().getSessions().sessionFor(c, accountsUrl, httpSettings, tls,
                getComponent().getConfiguration().getMaxConcurrentRequests(),
                "zoho-attachments:" + operation + " (module " + c.getModule() + ")");
        try {
            client = ZohoAttachmentsClient.builder()
                    .apiDomain(c.getApiDomain())
                    .dataCenter(c.getDataCenter())
                    .apiVersion(c.getApiVersion())
                    .tokenProvider(session.tokenProvider())
                    .limiter(session.limiter())
                    .retryPolicy(retryPolicy)
                    .requestSlotTimeout(
                            Duration.ofMillis(InputValidator.atLeast("requestSlotTimeout", c.getRequestSlotTimeout(), 0)))
                    .httpSettings(httpSettings)
                    .requestListener((method, path) -> {
                        requests.record();
                        session.requests().record();
                    })
                    .build();
        } catch (RuntimeException e) {
            // an endpoint that failed to start does not hold on to the credentials' shared session
            getComponent().getSessions().release(session);
            session = null;
            throw e;
        }
    }

    private static void tokenStoreFile(String value) {
        if (value.isBlank()) {
            throw InputValidator.invalid("tokenStoreFile", value, "must name a file");
        }
        try {
            Path file = Path.of(value);
            if (Files.isDirectory(file)) {
                throw InputValidator.invalid("tokenStoreFile", value, "is a directory; name a file in it");
            }
        } catch (InvalidPathException e) {
            throw InputValidator.invalid("tokenStoreFile", value, "is not a file path: " + e.getReason());
        }
    }

    @Override
    public long getDefaultDelay() {
        return DEFAULT_CONSUMER_DELAY;
    }

    /** API requests this endpoint sent since it started. */
    @ManagedAttribute(description = "API requests (Zoho API credits) this endpoint sent since it started")
    public long getApiRequests() {
        return requests.total();
    }

    /** API requests this endpoint sent in the last 24 hours. */
    @ManagedAttribute(description = "API requests (Zoho API credits) this endpoint sent in the last 24 hours")
    public long getApiRequestsLast24Hours() {
        return requests.lastDay();
    }

    /** API requests every endpoint with the same credentials sent in the last 24 hours (what maxRequestsPerDay limits). */
    @ManagedAttribute(description = "API requests (Zoho API credits) every endpoint with the same credentials sent in the"
            + " last 24 hours, in this CamelContext")
    public long getCredentialSetApiRequestsLast24Hours() {
        return session == null ? 0 : session.requests().lastDay();
    }

    @ManagedAttribute(description = "The daily request budget of these credentials above which polls are skipped (0: none)")
    public long getMaxRequestsPerDay() {
        return configuration.getMaxRequestsPerDay();
    }

    /**
     * Whether the consumer may send another listing request: false while the credential set spent maxRequestsPerDay or more in
     * the last 24 hours (logged once, and once more when it may again). Asked before each request, so a walk stops at the
     * budget and goes on after it; what was already listed is handed out meanwhile.
     */
    boolean withinBudget() {
        long budget = configuration.getMaxRequestsPerDay();
        if (budget <= 0 || session == null) {
            return true;
        }
        long spent = session.requests().lastDay();
        if (spent >= budget) {
            if (overBudget.compareAndSet(false, true)) {
                LOG.warn("zoho-attachments consumer of {} sends no more listing requests: its credentials sent {} API requests"
                        + " in the last 24 hours, maxRequestsPerDay is {}. It lists again once the last 24 hours are under it,"
                        + " from where it stopped; what it already listed is still emitted, and nothing is lost.",
                        configuration.getModule(), spent, budget);
            }
            return false;
        }
        if (overBudget.compareAndSet(true, false)) {
            LOG.info("zoho-attachments consumer of {} lists again: {} API requests in the last 24 hours, maxRequestsPerDay {}",
                    configuration.getModule(), spent, budget);
        }
        return true;
    }

    /** The last walk of the records by a whole-module watch's fallback path, to confirm (null before one). */
    private volatile ModuleDiscovery.RecordWalk lastRecordWalk;

    ModuleDiscovery.RecordWalk lastRecordWalk() {
        return lastRecordWalk;
    }

    void setLastRecordWalk(ModuleDiscovery.RecordWalk walk) {
        this.lastRecordWalk = walk;
    }

    MemoryStateRepository positionInMemory() {
        return positionInMemory;
    }

    /**
     * An instant of this host's clock on Zoho's, as the Date of Zoho's last answer places it (to the second): Zoho's
     * Created_Time is on Zoho's clock, and the host's may be ahead or behind.
     */
    Instant onZohoClock(Instant hostInstant) {
        Duration hostBehindSystem = Duration.between(clock.instant(), Instant.now());
        return hostInstant.plus(hostBehindSystem).plus(client.serverClockOffset());
    }

    Clock clock() {
        return clock;
    }

    /** For tests: a host clock ahead of or behind Zoho's. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    private static void checkCredentials(ZohoAttachmentsConfiguration c) {
        if (c.getTokenProvider() != null || c.getAccessToken() != null) {
            return;
        }
        boolean anyRefresh = c.getClientId() != null || c.getClientSecret() != null || c.getRefreshToken() != null;
        if (!anyRefresh) {
            throw new IllegalArgumentException(
                    "No Zoho credentials: set clientId, clientSecret and refreshToken (or accessToken, or tokenProvider)"
                            + " on the endpoint or on the component (camel.component.zoho-attachments.*)");
        }
        String missing = Stream.of(new String[][]{{"clientId", c.getClientId()}, {"clientSecret", c.getClientSecret()},
                {"refreshToken", c.getRefreshToken()}}).filter(option -> option[1] == null || option[1].isBlank())
                .map(option -> option[0]).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Incomplete Zoho credentials: the refresh-token grant also needs " + missing);
        }
    }

    private ZohoHttpSettings httpSettings(ZohoAttachmentsConfiguration c, SSLContextParameters ssl) throws Exception {
        ZohoHttpSettings.Builder settings = ZohoHttpSettings.builder()
                .connectTimeout(Duration.ofMillis(c.getConnectTimeout()))
                .responseTimeout(Duration.ofMillis(c.getResponseTimeout()))
                .maxConnections(Math.max(c.getMaxConcurrentRequests(), 2))
                .configurer(c.getHttpClientConfigurer());
        if (ssl != null) {
            settings.sslContext(ssl.createSSLContext(getCamelContext()));
        }
        if (c.getProxyHost() != null) {
            settings.proxy(c.getProxyHost(), c.getProxyPort() == null ? 0 : c.getProxyPort());
            settings.proxyCredentials(c.getProxyAuthUsername(), c.getProxyAuthPassword());
        }
        return settings.build();
    }

    @Override
    protected void doShutdown() throws Exception {
        if (session != null) {
            getComponent().getSessions().release(session);
            session = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        super.doShutdown();
    }
}
