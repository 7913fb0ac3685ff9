package io.github.camelzoho.attachments;

import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.client.ZohoDataCenter;
import io.github.camelzoho.attachments.client.ZohoHttpClientConfigurer;
import io.github.camelzoho.attachments.client.ZohoTokenProvider;
import io.github.camelzoho.attachments.client.ZohoTokenStore;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The options of the zoho-attachments component and its endpoints. Set once on the component, copied to each endpoint. */
@UriParams
public class ZohoAttachmentsConfiguration implements Cloneable {

    @UriParam(label = "common")
    @Metadata(required = true)
    private String module;
    @UriParam(label = "common")
    private String recordId;
    @UriParam(label = "producer")
    private String attachmentId;
    @UriParam(label = "producer")
    private String attachmentUrl;
    @UriParam(label = "producer")
    private String title;
    @UriParam(label = "producer", defaultValue = "104857600")
    private long maxUploadSize = InputValidator.DEFAULT_MAX_UPLOAD_SIZE;
    @UriParam(label = "common", defaultValue = ZohoAttachmentsClient.DEFAULT_FIELDS)
    private String fields = ZohoAttachmentsClient.DEFAULT_FIELDS;
    @UriParam(label = "common", defaultValue = "200")
    private int perPage = 200;
    @UriParam(label = "advanced", defaultValue = "v8")
    private String apiVersion = "v8";
    @UriParam(label = "common", defaultValue = "US")
    private ZohoDataCenter dataCenter = ZohoDataCenter.US;
    @UriParam(label = "advanced")
    private String apiDomain;
    @UriParam(label = "advanced")
    private String accountsDomain;

    @UriParam(label = "security", secret = true)
    private String accessToken;
    @UriParam(label = "security", secret = true)
    private String clientId;
    @UriParam(label = "security", secret = true)
    private String clientSecret;
    @UriParam(label = "security", secret = true)
    private String refreshToken;
    @UriParam(label = "security,advanced")
    private ZohoTokenProvider tokenProvider;
    @UriParam(label = "security")
    private String tokenStoreFile;
    @UriParam(label = "security,advanced")
    private ZohoTokenStore tokenStore;

    @UriParam(label = "consumer")
    private IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer,advanced")
    private IdempotentRepository inProgressRepository;
    @UriParam(label = "consumer")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer,advanced", defaultValue = "1800000", javaType = "java.time.Duration")
    private long inProgressLease = 1800000;
    @UriParam(label = "consumer", defaultValue = "beginning")
    private ZohoStartFrom startFrom = ZohoStartFrom.beginning;
    @UriParam(label = "consumer", defaultValue = "500")
    private int maxMessagesPerPoll = 500;
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean emitModified;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean validateModule = true;
    @UriParam(label = "consumer,advanced")
    private ZohoRecordIdSource recordIdSource;
    @UriParam(label = "consumer", defaultValue = "0")
    private long maxRequestsPerDay;
    @UriParam(label = "consumer,advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long modifiedSinceOverlap = 60000;

    @UriParam(label = "advanced", defaultValue = "3")
    private int maxRetries = 3;
    @UriParam(label = "advanced", defaultValue = "1000", javaType = "java.time.Duration")
    private long retryInitialDelay = 1000;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long retryMaxDelay = 30000;
    @UriParam(label = "advanced", defaultValue = "10")
    private int maxConcurrentRequests = 10;
    @UriParam(label = "advanced", defaultValue = "120000", javaType = "java.time.Duration")
    private long requestSlotTimeout = 120000;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10000;
    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long responseTimeout = 60000;
    @UriParam(label = "proxy")
    private String proxyHost;
    @UriParam(label = "proxy")
    private Integer proxyPort;
    @UriParam(label = "proxy", secret = true)
    private String proxyAuthUsername;
    @UriParam(label = "proxy", secret = true)
    private String proxyAuthPassword;
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "advanced")
    private ZohoHttpClientConfigurer httpClientConfigurer;

    public String getModule() {
        return module;
    }

    /**
     * The module API name: Leads, Accounts, Contacts, Deals, Campaigns, Tasks, Cases, Events, Calls, Solutions, Products,
     * Vendors, Price_Books, Quotes, Sales_Orders, Purchase_Orders, Invoices, Appointments, Services, Notes, or a custom
     * module's API name. Documents and Projects are refused: the API does not support them. Header CamelZohoModule overrides
     * it.
     */
    public void setModule(String module) {
        this.module = module;
    }

    public String getRecordId() {
        return recordId;
    }

    /**
     * The parent record id (digits only). The consumer takes one id or a comma-separated list. Header CamelZohoRecordId
     * overrides it on the producer.
     */
    public void setRecordId(String recordId) {
        this.recordId = recordId;
    }

    public String getAttachmentId() {
        return attachmentId;
    }

    /**
     * delete: the attachment id, or comma-separated ids (at most 100) deleted in one bulk request; download: the one attachment
     * to fetch. Header CamelZohoAttachmentId overrides it. Without either, delete fails: it never deletes all.
     */
    public void setAttachmentId(String attachmentId) {
        this.attachmentId = attachmentId;
    }

    public String getAttachmentUrl() {
        return attachmentUrl;
    }

    /**
     * upload: attach this link (an http or https URL) to the record instead of uploading the body. Header
     * CamelZohoAttachmentUrl overrides it.
     */
    public void setAttachmentUrl(String attachmentUrl) {
        this.attachmentUrl = attachmentUrl;
    }

    public String getTitle() {
        return title;
    }

    /** upload: the title Zoho shows for a link attachment (at most 255 characters). Header CamelZohoTitle overrides it. */
    public void setTitle(String title) {
        this.title = title;
    }

    public long getMaxUploadSize() {
        return maxUploadSize;
    }

    /**
     * upload: the largest file sent, in bytes; Zoho documents 100 MB for API v8. A body of known size above it fails before
     * anything is sent; a stream of unknown length is counted and the upload aborted as soon as it passes the limit.
     */
    public void setMaxUploadSize(long maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }

    public String getFields() {
        return fields;
    }

    /**
     * Comma-separated field API names sent as Zoho's mandatory fields parameter (at most 50). Defaults to every key Zoho
     * documents. Header CamelZohoFields overrides it.
     */
    public void setFields(String fields) {
        this.fields = fields;
    }

    public int getPerPage() {
        return perPage;
    }

    /** Page size of list requests, 1 to 200. Every page is read either way; smaller pages mean more requests. */
    public void setPerPage(int perPage) {
        this.perPage = perPage;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    /** The Zoho CRM API version, v3 or later. */
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public ZohoDataCenter getDataCenter() {
        return dataCenter;
    }

    /**
     * The data centre of the Zoho account: US, EU, IN, AU, JP, CA, CN, SA or UK. It picks the accounts server and the default
     * API domain.
     */
    public void setDataCenter(ZohoDataCenter dataCenter) {
        this.dataCenter = dataCenter;
    }

    public String getApiDomain() {
        return apiDomain;
    }

    /**
     * An explicit API domain, e.g. http://127.0.0.1:8080 for a test server. Precedence: this option, then the api_domain of the
     * token response, then the data centre's.
     */
    public void setApiDomain(String apiDomain) {
        this.apiDomain = apiDomain;
    }

    public String getAccountsDomain() {
        return accountsDomain;
    }

    /** An explicit OAuth accounts server, e.g. https://accounts.zoho.eu; defaults to the data centre's. */
    public void setAccountsDomain(String accountsDomain) {
        this.accountsDomain = accountsDomain;
    }

    public String getAccessToken() {
        return accessToken;
    }

    /** A fixed OAuth access token, used as is and never refreshed. Prefer clientId, clientSecret and refreshToken. */
    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getClientId() {
        return clientId;
    }

    /** The OAuth client id, for the refresh-token grant. */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** The OAuth client secret, for the refresh-token grant. */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    /**
     * The OAuth refresh token. Access tokens minted with it are shared by every endpoint, route and thread with the same
     * credentials, and refreshed shortly before they expire.
     */
    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public ZohoTokenProvider getTokenProvider() {
        return tokenProvider;
    }

    /**
     * A custom source of access tokens (e.g. a vault or a cluster-wide store). Wins over accessToken and the refresh token
     * options.
     */
    public void setTokenProvider(ZohoTokenProvider tokenProvider) {
        this.tokenProvider = tokenProvider;
    }

    public String getTokenStoreFile() {
        return tokenStoreFile;
    }

    /**
     * A file in which access tokens minted with the refresh token are kept, so that a restart reuses a token that is still
     * valid instead of minting one (Zoho allows 10 per 10 minutes). It holds only the access token, its expiry and its API
     * host, under a digest of the credentials, and is readable by its owner only. Ignored with accessToken or tokenProvider.
     */
    public void setTokenStoreFile(String tokenStoreFile) {
        this.tokenStoreFile = tokenStoreFile;
    }

    public ZohoTokenStore getTokenStore() {
        return tokenStore;
    }

    /**
     * Where access tokens minted with the refresh token are kept across restarts, e.g. a database; wins over tokenStoreFile.
     * The store sees the access token, its expiry and its API host, never the client id, client secret or refresh token.
     */
    public void setTokenStore(ZohoTokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    /**
     * Where the consumer records the attachments it delivered (any Camel IdempotentRepository). An attachment is added only
     * after its exchange completed, so a failed one comes again. The default is in memory: a restart re-emits everything; use a
     * persistent one (file, JDBC, Infinispan, Redis...) to survive restarts and share it in a cluster.
     */
    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    /**
     * Where a whole-module watch (no recordId) keeps its position, the time up to which it has listed everything, under the key
     * {@code zoho-attachments/<module>} (any Camel StateRepository: FileStateRepository, or a shared one for replicas). With
     * one, a restart or another replica resumes there and lists again only the overlap. Without one the position is kept in
     * memory (a route restart keeps it): after a JVM restart the watch lists the whole module again, and the
     * idempotentRepository drops what was delivered.
     */
    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public IdempotentRepository getInProgressRepository() {
        return inProgressRepository;
    }

    /**
     * A repository shared by consumers that poll the same records at the same time (replicas without master:), so that one does
     * not emit what another has in flight. Its entries are leases (inProgressLease): those of a consumer that crashed expire,
     * so what it had in flight comes again. Not needed for a single consumer, which keeps its own in memory.
     */
    public void setInProgressRepository(IdempotentRepository inProgressRepository) {
        this.inProgressRepository = inProgressRepository;
    }

    public long getInProgressLease() {
        return inProgressLease;
    }

    /**
     * How long an entry in the inProgressRepository holds an attachment for its consumer: other consumers skip it for at least
     * this long and at most twice as long. Longer than your slowest exchange; after a crash, what was in flight comes again
     * once its lease ran out.
     */
    public void setInProgressLease(long inProgressLease) {
        this.inProgressLease = inProgressLease;
    }

    public ZohoStartFrom getStartFrom() {
        return startFrom;
    }

    /**
     * On a record the idempotent repository has not seen before: beginning emits its existing attachments; now records those
     * created before the consumer started (less a minute for clock differences) as seen, so just later ones flow. Applied once
     * per record, so a restart with a persistent repository loses nothing that was added while stopped.
     */
    public void setStartFrom(ZohoStartFrom startFrom) {
        this.startFrom = startFrom;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /**
     * The most attachments one poll emits (0 for no limit). What is cut off is not lost: it comes with the next poll, at once
     * with greedy=true, without listing again what was listed. Also bounds the memory a poll holds.
     */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public boolean isEmitModified() {
        return emitModified;
    }

    /**
     * Also emit an attachment again when its Modified_Time changes. Off by default: an attachment is emitted once per id (a
     * deleted and re-uploaded file gets a new id, so it is emitted).
     */
    public void setEmitModified(boolean emitModified) {
        this.emitModified = emitModified;
    }

    public boolean isValidateModule() {
        return validateModule;
    }

    /**
     * At the start of a whole-module watch (no recordId nor recordIdSource), check that the CRM knows the module: one API
     * request for the module's first record, sent once. Zoho's INVALID_MODULE fails the route's start, naming the closest
     * standard module; any other failure of the check is logged at WARN and the consumer starts. Off: a misspelled module
     * starts and lists nothing, silently.
     */
    public void setValidateModule(boolean validateModule) {
        this.validateModule = validateModule;
    }

    public long getMaxRequestsPerDay() {
        return maxRequestsPerDay;
    }

    /**
     * consumer: the most API requests (Zoho API credits) that all endpoints with these credentials may spend in 24 hours before
     * this consumer sends no more listing requests (one WARN), so that one route cannot exhaust the allowance other
     * integrations of the org need. Checked before each request: a walk stops at the budget and goes on from there once the
     * last 24 hours are under it, while what was already listed, and retries of failed exchanges, are still emitted. Counted by
     * this CamelContext only; producers are never stopped. 0 (the default) for no limit.
     */
    public void setMaxRequestsPerDay(long maxRequestsPerDay) {
        this.maxRequestsPerDay = maxRequestsPerDay;
    }

    public long getModifiedSinceOverlap() {
        return modifiedSinceOverlap;
    }

    /**
     * consumer watching a whole module: how far before Zoho's clock at a walk's start the next walk asks Zoho again
     * (If-Modified-Since), so that an attachment that becomes visible in Zoho's listing a little after its Created_Time is not
     * missed; what is listed again is de-duplicated by the repositories. Longer is safer and costs more only when many
     * attachments are added within it.
     */
    public void setModifiedSinceOverlap(long modifiedSinceOverlap) {
        this.modifiedSinceOverlap = modifiedSinceOverlap;
    }

    public ZohoRecordIdSource getRecordIdSource() {
        return recordIdSource;
    }

    /** A bean asked at every poll for the record ids to watch; used instead of recordId when set. */
    public void setRecordIdSource(ZohoRecordIdSource recordIdSource) {
        this.recordIdSource = recordIdSource;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * Retries of a request that failed with 429 (TOO_MANY_REQUESTS), 5xx or an I/O error, with exponential backoff and jitter.
     * A DELETE is retried only where Zoho cannot have carried it out (429, 503, no connection). Other 4xx are never retried.
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryInitialDelay() {
        return retryInitialDelay;
    }

    /** The longest wait before the first retry; it doubles for each further retry. */
    public void setRetryInitialDelay(long retryInitialDelay) {
        this.retryInitialDelay = retryInitialDelay;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    /** The longest wait between two retries. */
    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /**
     * Requests in flight at once, shared by every endpoint with the same credentials: Zoho limits concurrency per organisation
     * (Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25). Set it on the component.
     */
    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public long getRequestSlotTimeout() {
        return requestSlotTimeout;
    }

    /**
     * How long a request waits for a free slot under maxConcurrentRequests before failing (0 waits forever). An open download
     * stream holds its slot until it is read or the exchange completes, so a route that downloads and then makes another Zoho
     * request with the stream still open needs two slots.
     */
    public void setRequestSlotTimeout(long requestSlotTimeout) {
        this.requestSlotTimeout = requestSlotTimeout;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** Time allowed to open a connection to Zoho; 0 waits forever. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    /** Time allowed between two packets of Zoho's answer; 0 waits forever. */
    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    /** An HTTP proxy host to reach Zoho through. */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    /** The HTTP proxy port. */
    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    /** User name for the proxy's Basic authentication. */
    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    /** Password for the proxy's Basic authentication. */
    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** TLS settings (trust store, protocols) for the connections to Zoho; falls back to the global ones if enabled. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public ZohoHttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    /** A hook to adjust the Apache HttpClient 5 builder after the component configured it. */
    public void setHttpClientConfigurer(ZohoHttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
    }

    /** A copy for one endpoint, so its URI options do not leak into the component's. */
    public ZohoAttachmentsConfiguration copy() {
        try {
            return (ZohoAttachmentsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
