package io.github.camelzoho.attachments;

import java.net.ServerSocket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What endpoints with the same credentials share, and what they do not: the token request is made with each endpoint's own HTTP
 * settings, and the concurrency limit is the component's, whichever endpoint starts first.
 */
class ZohoAttachmentsSharedSettingsTest extends ZohoTestSupport {

    private static final String LIST = "zoho-attachments:list?module=Leads&recordId=" + RECORD;

    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anEndpointWithADeadProxyStartingFirstDoesNotLockOutACorrectEndpoint() throws Exception {
        Exchange broken = call(LIST + "&proxyHost=127.0.0.1&proxyPort=" + deadPort() + "&maxRetries=0&connectTimeout=500",
                null);
        assertNotNull(broken.getException(), "the proxy is dead");

        Exchange correct = call(LIST, null);

        assertNull(correct.getException(), "the correct endpoint's token request went through the other's proxy");
        assertEquals(1, zoho.tokensMinted());
    }

    @Test
    void anEndpointsProxyNeverCarriesTheTokenRequestsOfAnotherEndpoint() {
        try (ZohoTestServer proxy = ZohoTestServer.start()) {
            // a proxy that answers the token request itself, refusing it: the endpoint behind it fails
            Exchange proxied = call(LIST + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&maxRetries=0", null);
            assertNotNull(proxied.getException());
            assertEquals(1, proxy.requests().size());

            Exchange direct = call(LIST, null);

            assertNull(direct.getException());
            assertEquals(1, proxy.requests().size(), "the other endpoint's secrets travelled through a proxy it never set");
            assertEquals(1, zoho.requests("POST", "/oauth/v2/token").size());
        }
    }

    @Test
    void anEndpointThatSetsItsOwnConcurrencyLimitFirstDoesNotStopACorrectEndpointAndIsWarned() {
        Logger sessions = (Logger) LoggerFactory.getLogger(ZohoCredentialSessions.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        sessions.addAppender(warnings);
        try {
            assertNull(call(LIST + "&maxConcurrentRequests=1", null).getException());

            Exchange correct = call(LIST, null);

            assertNull(correct.getException(), "the correctly configured endpoint could not start");
            assertTrue(warnings.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("maxConcurrentRequests=1")
                    && e.getFormattedMessage().contains("component's limit of 10")),
                    "no WARN naming both values: " + warnings.list);
        } finally {
            sessions.detachAppender(warnings);
        }
    }
}
