package io.github.camelzoho.attachments;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.client.ZohoHttpSettings;
import io.github.camelzoho.attachments.client.ZohoInput;
import io.github.camelzoho.attachments.client.ZohoRetryPolicy;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;

/** List, delete, download, upload and consume the attachments of Zoho CRM records. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "zoho-attachments", title = "Zoho CRM Attachments", syntax = "zoho-attachments:operation", category = {
        Category.SAAS, Category.FILE}, headersClass = ZohoAttachmentsConstants.class)
public class ZohoAttachmentsEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "What to do: list a record's attachments (or, as a consumer, receive new ones), delete attachments,"
            + " download one attachment's content as a stream, or upload a file or a link to a record.")
    @Metadata(required = true)
    private final ZohoAttachmentsOperation operation;
    @UriParam
    private final ZohoAttachmentsConfiguration configuration;

    private ZohoAttachmentsClient client;
    private ZohoCredentialSessions.Session session;

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

    @Override
    public Producer createProducer() throws Exception {
        if (configuration.getRecordId() != null && ZohoInput.recordIds("recordId", configuration.getRecordId()).size() > 1) {
            throw ZohoInput.invalid("recordId", configuration.getRecordId(),
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
        if (configuration.getRecordId() == null && configuration.getRecordIdSource() == null) {
            throw new IllegalArgumentException("recordId is required: the consumer needs the record ids to watch (recordId, or"
                    + " a recordIdSource bean)");
        }
        ZohoInput.atLeast("maxMessagesPerPoll", configuration.getMaxMessagesPerPoll(), 0);
        ZohoAttachmentsConsumer consumer = new ZohoAttachmentsConsumer(this, processor);
        configureConsumer(consumer);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        return consumer;
    }

    /** Every option value is checked here, at route start-up, before anything is sent to Zoho. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ZohoAttachmentsConfiguration c = configuration;
        ZohoInput.module("module", c.getModule());
        if (c.getRecordId() != null) {
            ZohoInput.recordIds("recordId", c.getRecordId());
        }
        if (c.getAttachmentId() != null) {
            if (operation == ZohoAttachmentsOperation.download) {
                ZohoInput.attachmentId("attachmentId", c.getAttachmentId());
            } else {
                ZohoInput.attachmentIds("attachmentId", c.getAttachmentId());
            }
        }
        if (c.getAttachmentUrl() != null) {
            ZohoInput.attachmentUrl("attachmentUrl", c.getAttachmentUrl());
        }
        ZohoInput.title("title", c.getTitle());
        ZohoInput.atLeast("maxUploadSize", c.getMaxUploadSize(), 1);
        ZohoInput.fields("fields", c.getFields());
        ZohoInput.perPage("perPage", c.getPerPage());
        String apiVersion = ZohoInput.apiVersion("apiVersion", c.getApiVersion());
        if (c.getDataCenter() == null) {
            throw new IllegalArgumentException("dataCenter is required: one of US, EU, IN, AU, JP, CA, CN, SA, UK");
        }
        String apiDomain = c.getApiDomain() == null ? null : ZohoInput.baseUrl("apiDomain", c.getApiDomain());
        String accountsUrl = c.getAccountsDomain() == null
                ? c.getDataCenter().accountsUrl()
                : ZohoInput.baseUrl("accountsDomain", c.getAccountsDomain());
        checkCredentials(c);
        ZohoRetryPolicy retryPolicy = new ZohoRetryPolicy((int) ZohoInput.atLeast("maxRetries", c.getMaxRetries(), 0),
                Duration.ofMillis(ZohoInput.atLeast("retryInitialDelay", c.getRetryInitialDelay(), 0)),
                Duration.ofMillis(c.getRetryMaxDelay()));
        ZohoInput.atLeast("maxConcurrentRequests", c.getMaxConcurrentRequests(), 1);
        ZohoInput.atLeast("connectTimeout", c.getConnectTimeout(), 0);
        ZohoInput.atLeast("responseTimeout", c.getResponseTimeout(), 0);
        if (c.getProxyPort() != null && (c.getProxyPort() < 1 || c.getProxyPort() > 65535)) {
            throw ZohoInput.invalid("proxyPort", String.valueOf(c.getProxyPort()), "must be from 1 to 65535");
        }

        if (c.getTokenStoreFile() != null) {
            tokenStoreFile(c.getTokenStoreFile());
        }

        ZohoHttpSettings httpSettings = httpSettings(c);
        session = getComponent().getSessions().sessionFor(c, accountsUrl, httpSettings);
        try {
            client = ZohoAttachmentsClient.builder()
                    .apiDomain(apiDomain)
                    .dataCenter(c.getDataCenter())
                    .apiVersion(apiVersion)
                    .tokenProvider(session.tokenProvider())
                    .limiter(session.limiter())
                    .retryPolicy(retryPolicy)
                    .requestSlotTimeout(
                            Duration.ofMillis(ZohoInput.atLeast("requestSlotTimeout", c.getRequestSlotTimeout(), 0)))
                    .httpSettings(httpSettings)
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
            throw ZohoInput.invalid("tokenStoreFile", value, "must name a file");
        }
        try {
            Path file = Path.of(value);
            if (Files.isDirectory(file)) {
                throw ZohoInput.invalid("tokenStoreFile", value, "is a directory; name a file in it");
            }
        } catch (InvalidPathException e) {
            throw ZohoInput.invalid("tokenStoreFile", value, "is not a file path: " + e.getReason());
        }
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
        StringBuilder missing = new StringBuilder();
        for (String[] option : new String[][]{
                {"clientId", c.getClientId()}, {"clientSecret", c.getClientSecret()},
                {"refreshToken", c.getRefreshToken()}}) {
            if (option[1] == null || option[1].isBlank()) {
                missing.append(missing.isEmpty() ? "" : ", ").append(option[0]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Incomplete Zoho credentials: the refresh-token grant also needs " + missing);
        }
    }

    private ZohoHttpSettings httpSettings(ZohoAttachmentsConfiguration c) throws Exception {
        SSLContextParameters ssl = c.getSslContextParameters();
        if (ssl == null) {
            ssl = getComponent().retrieveGlobalSslContextParameters();
        }
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
