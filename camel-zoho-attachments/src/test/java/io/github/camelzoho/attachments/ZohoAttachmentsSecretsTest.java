package io.github.camelzoho.attachments;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client secret, refresh token and access tokens never show in logs (DEBUG included), messages, URIs or JMX. */
class ZohoAttachmentsSecretsTest extends ZohoTestSupport {

    private static final String URI_WITH_SECRETS = "zoho-attachments:list?module=Leads&recordId=" + RECORD + "&clientId="
            + CLIENT_ID + "&clientSecret=" + CLIENT_SECRET + "&refreshToken="
            + REFRESH_TOKEN;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level previousLevel;

    ZohoAttachmentsSecretsTest() {
        testConfiguration().withJMX(true);
    }

    @BeforeEach
    void captureEverythingAtDebug() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
        root.setLevel(previousLevel);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:list").routeId("list").to(URI_WITH_SECRETS);
            }
        };
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, REFRESH_TOKEN, CLIENT_ID));
        zoho.requests().stream().map(r -> r.header("Authorization")).filter(h -> h != null)
                .map(h -> h.substring("Zoho-oauthtoken ".length())).forEach(secrets::add);
        return secrets;
    }

    private static void assertFreeOfSecrets(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), where + " leaks a secret: " + text);
        }
    }

    @Test
    void debugLogsOfRefreshRetriesAndFailuresCarryNoSecret() {
        zoho.seedAttachments("Leads", RECORD, 2);
        template.sendBody("direct:list", null);
        zoho.revokeAccessTokens();
        zoho.fail("GET", ".*/Attachments").withTooManyRequests();
        template.sendBody("direct:list", null);
        zoho.fail("GET", ".*/Attachments").withZohoError(403, "NO_PERMISSION", "permission denied");
        Exchange failed = template.send("direct:list", e -> {
        });
        assertNotNull(failed.getException());

        List<String> secrets = secrets();
        assertTrue(secrets.size() >= 5, "two access tokens were minted and used: " + secrets.size());
        assertTrue(captured.list.size() > 20, "DEBUG logging was captured: " + captured.list.size());
        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("Authorization: Zoho-oauthtoken ***")),
                "headers are logged, masked");
        for (ILoggingEvent event : captured.list) {
            assertFreeOfSecrets("log line of " + event.getLoggerName(), event.getFormattedMessage(), secrets);
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertFreeOfSecrets("logged exception", String.valueOf(t.getMessage()), secrets);
            }
        }
        assertFreeOfSecrets("exception", failed.getException().toString(), secrets);
    }

    @Test
    void endpointUriAsCamelPrintsItMasksEverySecret() throws Exception {
        template.sendBody("direct:list", null);
        List<String> secrets = secrets();

        for (Endpoint endpoint : context.getEndpoints()) {
            assertFreeOfSecrets("endpoint toString", endpoint.toString(), secrets);
        }
        assertFreeOfSecrets("route", context.getRoute("list").toString(), secrets);
        assertFreeOfSecrets("route endpoint", context.getRoute("list").getEndpoint().toString(), secrets);

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> endpoints = jmx.queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName()
                + ",type=endpoints,*"),
                null);
        List<String> zohoUris = new ArrayList<>();
        for (ObjectName name : endpoints) {
            String uri = (String) jmx.getAttribute(name, "EndpointUri");
            assertFreeOfSecrets("JMX EndpointUri", uri, secrets);
            assertFreeOfSecrets("JMX ObjectName", name.toString(), secrets);
            if (uri.startsWith("zoho-attachments:")) {
                zohoUris.add(uri);
            }
        }
        assertEquals(1, zohoUris.size(), "the zoho endpoint is in JMX: " + endpoints);
        assertTrue(zohoUris.get(0).contains("clientSecret=xxxxxx"), zohoUris.get(0));
    }

    @Test
    void theTokenStoreFileAndTheNewAuthMessagesCarryNoCredential(@TempDir Path dir) throws Exception {
        String storeClient = "1000.STORECLIENT";
        String storeSecret = "store-client-secret-value";
        String storeRefresh = "1000.store-refresh-token-value";
        zoho.registerClient(storeClient, storeSecret, storeRefresh);
        Path file = dir.resolve("tokens.json");
        String withStore = "zoho-attachments:list?module=Leads&recordId=" + RECORD + "&clientId=" + storeClient
                + "&clientSecret=" + storeSecret + "&refreshToken=" + storeRefresh + "&tokenStoreFile=" + file;
        assertNull(template.send(withStore, e -> {
        }).getException());
        // refused, replaced (the host accepted it before), and the new one refused as well
        zoho.fail("GET", ".*/Attachments").times(2).withZohoError(401, "INVALID_TOKEN", "invalid oauth token");
        Exception refused = template.send(withStore, e -> {
        }).getException();
        zoho.setTokenApiDomain("https://www.zohoapis.com.evil.example");
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setApiDomain(null);
        zoho.registerClient("1000.OTHERCLIENT", "other-client-secret", "1000.other-refresh-token");
        Exception untrusted = template.send("zoho-attachments:list?module=Leads&recordId=" + RECORD
                + "&clientId=1000.OTHERCLIENT&clientSecret=other-client-secret"
                + "&refreshToken=1000.other-refresh-token",
                e -> {
                }).getException();

        List<String> credentials = List.of(storeClient, storeSecret, storeRefresh, "1000.OTHERCLIENT", "other-client-secret",
                "1000.other-refresh-token");
        String stored = Files.readString(file);
        assertFreeOfSecrets("token store file", stored, credentials);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> secrets = new ArrayList<>(secrets());
        secrets.addAll(credentials);
        assertTrue(zoho.requests().stream().map(r -> r.header("Authorization")).filter(h -> h != null)
                .anyMatch(h -> stored.contains(h.substring("Zoho-oauthtoken ".length()))),
                "the file holds the access token used: " + stored);
        assertTrue(refused.getMessage().contains("refused by " + zoho.baseUrl()), refused.getMessage());
        assertTrue(untrusted.getMessage().contains("Invalid api_domain 'https://www.zohoapis.com.evil.example'"),
                untrusted.getMessage());
        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("kept rather than replaced")),
                "the kept token is logged");
        for (ILoggingEvent event : captured.list) {
            assertFreeOfSecrets("log line of " + event.getLoggerName(), event.getFormattedMessage(), secrets);
        }
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFreeOfSecrets("401 error", t.toString(), secrets);
        }
        for (Throwable t = untrusted; t != null; t = t.getCause()) {
            assertFreeOfSecrets("api_domain error", t.toString(), secrets);
        }
    }
}
