package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins what {@link RedactingClientConnection} relies on in HttpCore: it replaces the connection HttpClient would log through,
 * and HttpCore calls its request and response hooks. An HttpClient upgrade that routes around either (a new connection factory
 * path, renamed hooks) makes this test fail instead of silently logging tokens at DEBUG.
 */
class RedactingClientConnectionTest {

    /** HttpClient's loggers of headers and of the bytes on the wire: at DEBUG they would print tokens and secrets. */
    private static final List<String> HTTP_CLIENT_WIRE_LOGGERS = List.of("org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire");
    private static final String REDACTED_LOGGER = "io.github.camelzoho.attachments.client.http";
    private static final List<String> CAPTURED_LOGGERS = List.of(HTTP_CLIENT_WIRE_LOGGERS.get(0),
            HTTP_CLIENT_WIRE_LOGGERS.get(1),
            "org.apache.hc.client5.http", REDACTED_LOGGER);

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private ZohoTestServer zoho;

    @BeforeEach
    void captureHttpLoggingAtDebug() {
        captured.start();
        for (String name : CAPTURED_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.DEBUG);
            logger.setAdditive(false); // captured here, not printed
            logger.addAppender(captured);
        }
        zoho = ZohoTestServer.start();
        zoho.registerClient("client-id", "client-secret-value", "refresh-token-value");
    }

    @AfterEach
    void stopCapturing() {
        for (String name : CAPTURED_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(captured);
            logger.setLevel(null);
            logger.setAdditive(true);
        }
        zoho.close();
    }

    @Test
    void headersAreLoggedMaskedAndHttpClientsOwnHeaderAndWireLogsStaySilent() throws IOException {
        zoho.seedAttachments("Leads", "4876876000000376008", 2);
        try (CloseableHttpClient http = ZohoHttpClients.create(ZohoHttpSettings.builder().build());
                ZohoAttachmentsClient client = ZohoAttachmentsClient.builder().apiDomain(zoho.baseUrl())
                        .tokenProvider(new ZohoRefreshTokenProvider(zoho.baseUrl(), "client-id", "client-secret-value",
                                "refresh-token-value", http, false))
                        .httpClient(http).build()) {
            assertEquals(2, client.listAttachments(ZohoRecordPath.of("Leads", "4876876000000376008"), "id", 200).size());
        }
        String accessToken = zoho.requests("GET", ".*/Attachments").get(0).header("Authorization")
                .substring("Zoho-oauthtoken ".length());

        List<String> ours = messages(REDACTED_LOGGER);
        assertTrue(ours.stream().anyMatch(line -> line.endsWith(">> POST /oauth/v2/token")), ours.toString());
        assertTrue(ours.stream().anyMatch(line -> line.endsWith(">> Authorization: Zoho-oauthtoken ***")), ours.toString());
        assertTrue(ours.stream().anyMatch(line -> line.endsWith("<< 200 OK")), ours.toString());
        for (String httpClientLogger : HTTP_CLIENT_WIRE_LOGGERS) {
            assertEquals(List.of(), messages(httpClientLogger), httpClientLogger + " logged what it saw on the wire");
        }
        for (ILoggingEvent event : captured.list) {
            for (String secret : List.of(accessToken, "client-secret-value", "refresh-token-value")) {
                assertFalse(event.getFormattedMessage().contains(secret),
                        event.getLoggerName() + " logged a secret: " + event.getFormattedMessage());
            }
        }
    }

    private List<String> messages(String loggerName) {
        return captured.list.stream().filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
