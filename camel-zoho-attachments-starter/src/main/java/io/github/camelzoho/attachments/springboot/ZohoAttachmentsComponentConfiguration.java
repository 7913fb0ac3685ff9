package io.github.camelzoho.attachments.springboot;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.camelzoho.attachments.ZohoAttachmentsConfiguration;
import io.github.camelzoho.attachments.ZohoRecordIdSource;
import io.github.camelzoho.attachments.ZohoStartFrom;
import io.github.camelzoho.attachments.client.ZohoDataCenter;
import io.github.camelzoho.attachments.client.ZohoHttpClientConfigurer;
import io.github.camelzoho.attachments.client.ZohoTokenProvider;
import io.github.camelzoho.attachments.client.ZohoTokenStore;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every option of the zoho-attachments component, bound from {@code camel.component.zoho-attachments.*} (relaxed names:
 * {@code data-center}, {@code dataCenter} and {@code DATA_CENTER} are the same option).
 * <p>
 * Only the options present in the application's configuration reach the component: an option left out keeps the component's own
 * default (the defaults written here are the component's, for IDEs; ComponentOptionsDescriptorTest keeps them equal), and one
 * set here never overwrites the fields of a {@code configuration} bean that it does not name. Unknown names under the prefix
 * fail start-up instead of being ignored, so a typo is reported ({@link UnknownOptions}, which does not print values).
 * <p>
 * Kept in step with the component's JSON descriptor by ComponentOptionsDescriptorTest, which names any option missing here and
 * prints its declaration.
 */
@ConfigurationProperties(prefix = "camel.component.zoho-attachments")
public class ZohoAttachmentsComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the zoho-attachments component. This is enabled by default.
     */
    // Only documents the inherited property in the metadata (as Camel's own starters do); never read.
    private Boolean enabled;

    /** The options Spring Boot bound from the configuration, in binding order. */
    private final Set<String> explicitlySet = new LinkedHashSet<>();

    /**
     * How long an entry in the inProgressRepository holds an attachment for its consumer: other consumers skip it for at least
     * this long and at most twice as long. Longer than your slowest exchange; after a crash, what was in flight comes again
     * once its lease ran out. Milliseconds, or a duration such as 10s or 30m.
     */
    private Duration inProgressLease = Duration.ofMinutes(30);

    /**
     * The most API requests (Zoho API credits) that all endpoints with these credentials may spend in 24 hours before a
     * consumer skips its polls (one WARN), so that one route cannot exhaust the allowance other integrations of the org need.
     * Counted by this CamelContext only; producers are never stopped. 0 (the default) for no limit.
     */
    private Long maxRequestsPerDay = 0L;

    /**
     * A consumer watching a whole module: how far before Zoho's clock at a walk's start the next walk asks Zoho again
     * (If-Modified-Since), so that an attachment that becomes visible in Zoho's listing a little after its Created_Time is not
     * missed. Milliseconds, or a duration such as 10s or 2m.
     */
    private Duration modifiedSinceOverlap = Duration.ofMinutes(1);

    /**
     * Where access tokens minted with the refresh token are kept across restarts, e.g. a database; wins over tokenStoreFile.
     * The store sees the access token, its expiry and its API host, never the client id, client secret or refresh token.
     */
    private ZohoTokenStore tokenStore;

    /**
     * A file in which access tokens minted with the refresh token are kept, so that a restart reuses a token that is still
     * valid instead of minting one (Zoho allows 10 per 10 minutes). It holds only the access token, its expiry and its API
     * host, and is readable by its owner only. Ignored with accessToken or tokenProvider.
     */
    private String tokenStoreFile;

    /**
     * The data centre of the Zoho account: US, EU, IN, AU, JP, CA, CN, SA or UK. It picks the accounts server and the default
     * API domain.
     */
    private ZohoDataCenter dataCenter = ZohoDataCenter.US;

    /**
     * Comma-separated field API names sent as Zoho's mandatory fields parameter (at most 50). Defaults to every key Zoho
     * documents. Header CamelZohoFields overrides it.
     */
    private String fields = "id,File_Name,Size,Created_Time,Modified_Time,Owner,Created_By,Modified_By,Parent_Id,$file_id,$type,$link_url,$attachment_type,$se_module,$state,$editable,$sharing_permission";

    /**
     * The module API name: Leads, Accounts, Contacts, Deals, Campaigns, Tasks, Cases, Events, Calls, Solutions, Products,
     * Vendors, Price_Books, Quotes, Sales_Orders, Purchase_Orders, Invoices, Appointments, Services, Notes, or a custom
     * module's API name. Documents and Projects are refused: the API does not support them. Header CamelZohoModule overrides
     * it.
     */
    private String module;

    /**
     * Page size of list requests, 1 to 200. Every page is read either way; smaller pages mean more requests.
     */
    private Integer perPage = 200;

    /**
     * The parent record id (digits only). The consumer takes one id or a comma-separated list. Header CamelZohoRecordId
     * overrides it on the producer.
     */
    private String recordId;

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible) occurred
     * while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as a message and
     * handled by the routing Error Handler. Important: This is only possible if the 3rd party component allows Camel to be
     * alerted if an exception was thrown. Some components handle this internally only, and therefore bridgeErrorHandler is not
     * possible. In other situations we may improve the Camel component to hook into the 3rd party component and make this
     * possible for future releases. By default the consumer will use the org.apache.camel.spi.ExceptionHandler to deal with
     * exceptions, that will be logged at WARN or ERROR level and ignored.
     */
    private Boolean bridgeErrorHandler = false;

    /**
     * Also emit an attachment again when its Modified_Time changes. Off by default: an attachment is emitted once per id (a
     * deleted and re-uploaded file gets a new id, so it is emitted).
     */
    private Boolean emitModified = false;

    /**
     * Where the consumer records the attachments it delivered (any Camel IdempotentRepository). An attachment is added only
     * after its exchange completed, so a failed one comes again. The default is in memory: a restart re-emits everything; use a
     * persistent one (file, JDBC, Infinispan, Redis...) to survive restarts and share it in a cluster. A bean reference:
     * #beanName or #bean:beanName.
     */
    private IdempotentRepository idempotentRepository;

    /**
     * The most attachments one poll emits (0 for no limit). What is cut off is not lost: it comes with the next poll, at once
     * with greedy=true. Also bounds the memory a poll holds.
     */
    private Integer maxMessagesPerPoll = 500;

    /**
     * On a record the idempotent repository has not seen before: beginning emits its existing attachments, now only records
     * them as seen so that just later ones flow. Applied once per record, so a restart with a persistent repository loses
     * nothing that was added while stopped.
     */
    private ZohoStartFrom startFrom = ZohoStartFrom.beginning;

    /**
     * Holds the attachments whose exchanges are in flight, so a poll does not emit them again meanwhile. In memory by default.
     * A bean reference: #beanName or #bean:beanName.
     */
    private IdempotentRepository inProgressRepository;

    /**
     * Where a whole-module watch (no recordId) keeps its position, the time up to which it has listed everything, under the key
     * zoho-attachments/<module> (any Camel StateRepository: FileStateRepository, or a shared one for replicas). With one, a
     * restart or another replica resumes there and lists again only the overlap. Without one the position is kept in memory (a
     * route restart keeps it): after a JVM restart the watch lists the whole module again, and the idempotentRepository drops
     * what was delivered. A bean reference: #beanName or #bean:beanName.
     */
    private StateRepository<String, String> stateRepository;

    /**
     * At the start of a whole-module watch (no recordId nor recordIdSource), check that the CRM knows the module: one API
     * request for the module's first record, sent once. Zoho's INVALID_MODULE fails the route's start, naming the closest
     * standard module; any other failure of the check is logged at WARN and the consumer starts. Off: a misspelled module
     * starts and lists nothing, silently.
     */
    private Boolean validateModule = true;

    /**
     * A bean asked at every poll for the record ids to watch; used instead of recordId when set. A bean reference: #beanName or
     * #bean:beanName.
     */
    private ZohoRecordIdSource recordIdSource;

    /**
     * delete: the attachment id, or comma-separated ids (at most 100) deleted in one bulk request; download: the one attachment
     * to fetch. Header CamelZohoAttachmentId overrides it. Without either, delete fails: it never deletes all.
     */
    private String attachmentId;

    /**
     * upload: attach this link (an http or https URL) to the record instead of uploading the body. Header
     * CamelZohoAttachmentUrl overrides it.
     */
    private String attachmentUrl;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause the route
     * to fail being started. By deferring this startup to be lazy then the startup failure can be handled during routing
     * messages via Camel's routing error handlers. Beware that when the first message is processed then creating and starting
     * the producer may take a little time and prolong the total processing time of the processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * upload: the largest file sent, in bytes; Zoho documents 100 MB for API v8. A body of known size above it fails before
     * anything is sent; a stream of unknown length is counted and the upload aborted as soon as it passes the limit.
     */
    private Long maxUploadSize = 104857600L;

    /**
     * upload: the title Zoho shows for a link attachment (at most 255 characters). Header CamelZohoTitle overrides it.
     */
    private String title;

    /**
     * An explicit OAuth accounts server, e.g. https://accounts.zoho.eu; defaults to the data centre's.
     */
    private String accountsDomain;

    /**
     * An explicit API domain, e.g. http://127.0.0.1:8080 for a test server. Precedence: this option, then the api_domain of the
     * token response, then the data centre's.
     */
    private String apiDomain;

    /**
     * The Zoho CRM API version, v3 or later.
     */
    private String apiVersion = "v8";

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as autowired) by
     * looking up in the registry to find if there is a single instance of matching type, which then gets configured on the
     * component. This can be used for automatic configuring JDBC data sources, JMS connection factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * The options every endpoint starts from: credentials, data centre and limits are best set once, here. A bean reference:
     * #beanName or #bean:beanName.
     */
    private ZohoAttachmentsConfiguration configuration;

    /**
     * Time allowed to open a connection to Zoho; 0 waits forever. Milliseconds, or a duration such as 10s or 2m.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * A hook to adjust the Apache HttpClient 5 builder after the component configured it. A bean reference: #beanName or
     * #bean:beanName.
     */
    private ZohoHttpClientConfigurer httpClientConfigurer;

    /**
     * Requests in flight at once, shared by every endpoint with the same credentials: Zoho limits concurrency per organisation
     * (Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25). Set it on the component.
     */
    private Integer maxConcurrentRequests = 10;

    /**
     * Retries of a request that failed with 429 (TOO_MANY_REQUESTS), 5xx or an I/O error, with exponential backoff and jitter.
     * A DELETE is retried only where Zoho cannot have carried it out (429, 503, no connection). Other 4xx are never retried.
     */
    private Integer maxRetries = 3;

    /**
     * How long a request waits for a free slot under maxConcurrentRequests before failing (0 waits forever). An open download
     * stream holds its slot until it is read or the exchange completes, so a route that downloads and then makes another Zoho
     * request with the stream still open needs two slots. Milliseconds, or a duration such as 10s or 2m.
     */
    private Duration requestSlotTimeout = Duration.ofMinutes(2);

    /**
     * Time allowed between two packets of Zoho's answer; 0 waits forever. Milliseconds, or a duration such as 10s or 2m.
     */
    private Duration responseTimeout = Duration.ofMinutes(1);

    /**
     * The longest wait before the first retry; it doubles for each further retry. Milliseconds, or a duration such as 10s or
     * 2m.
     */
    private Duration retryInitialDelay = Duration.ofSeconds(1);

    /**
     * The longest wait between two retries. Milliseconds, or a duration such as 10s or 2m.
     */
    private Duration retryMaxDelay = Duration.ofSeconds(30);

    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by default
     * disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;

    /**
     * Password for the proxy's Basic authentication.
     */
    private String proxyAuthPassword;

    /**
     * User name for the proxy's Basic authentication.
     */
    private String proxyAuthUsername;

    /**
     * An HTTP proxy host to reach Zoho through.
     */
    private String proxyHost;

    /**
     * The HTTP proxy port.
     */
    private Integer proxyPort;

    /**
     * A fixed OAuth access token, used as is and never refreshed. Prefer clientId, clientSecret and refreshToken.
     */
    private String accessToken;

    /**
     * The OAuth client id, for the refresh-token grant.
     */
    private String clientId;

    /**
     * The OAuth client secret, for the refresh-token grant.
     */
    private String clientSecret;

    /**
     * The OAuth refresh token. Access tokens minted with it are shared by every endpoint, route and thread with the same
     * credentials, and refreshed shortly before they expire.
     */
    private String refreshToken;

    /**
     * TLS settings (trust store, protocols) for the connections to Zoho; falls back to the global ones if enabled. A bean
     * reference: #beanName or #bean:beanName.
     */
    private SSLContextParameters sslContextParameters;

    /**
     * Use the CamelContext's global SSL context parameters when an endpoint sets none.
     */
    private Boolean useGlobalSslContextParameters = false;

    /**
     * A custom source of access tokens (e.g. a vault or a cluster-wide store). Wins over accessToken and the refresh token
     * options. A bean reference: #beanName or #bean:beanName.
     */
    private ZohoTokenProvider tokenProvider;

    public ZohoDataCenter getDataCenter() {
        return dataCenter;
    }

    public void setDataCenter(ZohoDataCenter dataCenter) {
        this.dataCenter = dataCenter;
        explicitlySet.add("dataCenter");
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
        explicitlySet.add("fields");
    }

    public String getModule() {
        return module;
    }

    public void setModule(String module) {
        this.module = module;
        explicitlySet.add("module");
    }

    public Integer getPerPage() {
        return perPage;
    }

    public void setPerPage(Integer perPage) {
        this.perPage = perPage;
        explicitlySet.add("perPage");
    }

    public String getRecordId() {
        return recordId;
    }

    public void setRecordId(String recordId) {
        this.recordId = recordId;
        explicitlySet.add("recordId");
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
        explicitlySet.add("bridgeErrorHandler");
    }

    public Boolean getEmitModified() {
        return emitModified;
    }

    public void setEmitModified(Boolean emitModified) {
        this.emitModified = emitModified;
        explicitlySet.add("emitModified");
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
        explicitlySet.add("idempotentRepository");
    }

    public Integer getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(Integer maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
        explicitlySet.add("maxMessagesPerPoll");
    }

    public ZohoStartFrom getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(ZohoStartFrom startFrom) {
        this.startFrom = startFrom;
        explicitlySet.add("startFrom");
    }

    public IdempotentRepository getInProgressRepository() {
        return inProgressRepository;
    }

    public void setInProgressRepository(IdempotentRepository inProgressRepository) {
        this.inProgressRepository = inProgressRepository;
        explicitlySet.add("inProgressRepository");
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
        explicitlySet.add("stateRepository");
    }

    public Boolean getValidateModule() {
        return validateModule;
    }

    public void setValidateModule(Boolean validateModule) {
        this.validateModule = validateModule;
        explicitlySet.add("validateModule");
    }

    public ZohoRecordIdSource getRecordIdSource() {
        return recordIdSource;
    }

    public void setRecordIdSource(ZohoRecordIdSource recordIdSource) {
        this.recordIdSource = recordIdSource;
        explicitlySet.add("recordIdSource");
    }

    public String getAttachmentId() {
        return attachmentId;
    }

    public void setAttachmentId(String attachmentId) {
        this.attachmentId = attachmentId;
        explicitlySet.add("attachmentId");
    }

    public String getAttachmentUrl() {
        return attachmentUrl;
    }

    public void setAttachmentUrl(String attachmentUrl) {
        this.attachmentUrl = attachmentUrl;
        explicitlySet.add("attachmentUrl");
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
        explicitlySet.add("lazyStartProducer");
    }

    public Long getMaxUploadSize() {
        return maxUploadSize;
    }

    public void setMaxUploadSize(Long maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
        explicitlySet.add("maxUploadSize");
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
        explicitlySet.add("title");
    }

    public String getAccountsDomain() {
        return accountsDomain;
    }

    public void setAccountsDomain(String accountsDomain) {
        this.accountsDomain = accountsDomain;
        explicitlySet.add("accountsDomain");
    }

    public String getApiDomain() {
        return apiDomain;
    }

    public void setApiDomain(String apiDomain) {
        this.apiDomain = apiDomain;
        explicitlySet.add("apiDomain");
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
        explicitlySet.add("apiVersion");
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
        explicitlySet.add("autowiredEnabled");
    }

    public ZohoAttachmentsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ZohoAttachmentsConfiguration configuration) {
        this.configuration = configuration;
        explicitlySet.add("configuration");
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        explicitlySet.add("connectTimeout");
    }

    public ZohoHttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    public void setHttpClientConfigurer(ZohoHttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
        explicitlySet.add("httpClientConfigurer");
    }

    public Integer getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(Integer maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
        explicitlySet.add("maxConcurrentRequests");
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
        explicitlySet.add("maxRetries");
    }

    public Duration getRequestSlotTimeout() {
        return requestSlotTimeout;
    }

    public void setRequestSlotTimeout(Duration requestSlotTimeout) {
        this.requestSlotTimeout = requestSlotTimeout;
        explicitlySet.add("requestSlotTimeout");
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
        explicitlySet.add("responseTimeout");
    }

    public Duration getRetryInitialDelay() {
        return retryInitialDelay;
    }

    public void setRetryInitialDelay(Duration retryInitialDelay) {
        this.retryInitialDelay = retryInitialDelay;
        explicitlySet.add("retryInitialDelay");
    }

    public Duration getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
        explicitlySet.add("retryMaxDelay");
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
        explicitlySet.add("healthCheckConsumerEnabled");
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
        explicitlySet.add("healthCheckProducerEnabled");
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
        explicitlySet.add("proxyAuthPassword");
    }

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
        explicitlySet.add("proxyAuthUsername");
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
        explicitlySet.add("proxyHost");
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
        explicitlySet.add("proxyPort");
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
        explicitlySet.add("accessToken");
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
        explicitlySet.add("clientId");
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
        explicitlySet.add("clientSecret");
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
        explicitlySet.add("refreshToken");
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
        explicitlySet.add("sslContextParameters");
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
        explicitlySet.add("useGlobalSslContextParameters");
    }

    public ZohoTokenProvider getTokenProvider() {
        return tokenProvider;
    }

    public void setTokenProvider(ZohoTokenProvider tokenProvider) {
        this.tokenProvider = tokenProvider;
        explicitlySet.add("tokenProvider");
    }

    public Duration getInProgressLease() {
        return inProgressLease;
    }

    public void setInProgressLease(Duration inProgressLease) {
        this.inProgressLease = inProgressLease;
        explicitlySet.add("inProgressLease");
    }

    public Long getMaxRequestsPerDay() {
        return maxRequestsPerDay;
    }

    public void setMaxRequestsPerDay(Long maxRequestsPerDay) {
        this.maxRequestsPerDay = maxRequestsPerDay;
        explicitlySet.add("maxRequestsPerDay");
    }

    public Duration getModifiedSinceOverlap() {
        return modifiedSinceOverlap;
    }

    public void setModifiedSinceOverlap(Duration modifiedSinceOverlap) {
        this.modifiedSinceOverlap = modifiedSinceOverlap;
        explicitlySet.add("modifiedSinceOverlap");
    }

    public ZohoTokenStore getTokenStore() {
        return tokenStore;
    }

    public void setTokenStore(ZohoTokenStore tokenStore) {
        this.tokenStore = tokenStore;
        explicitlySet.add("tokenStore");
    }

    public String getTokenStoreFile() {
        return tokenStoreFile;
    }

    public void setTokenStoreFile(String tokenStoreFile) {
        this.tokenStoreFile = tokenStoreFile;
        explicitlySet.add("tokenStoreFile");
    }

    /** The names of the options the application set, for the auto-configuration to copy onto the component. */
    Set<String> explicitlySetOptions() {
        return Collections.unmodifiableSet(explicitlySet);
    }
}
