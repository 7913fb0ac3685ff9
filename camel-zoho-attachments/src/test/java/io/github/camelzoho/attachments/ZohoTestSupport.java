package io.github.camelzoho.attachments;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

/**
 * Every test gets its own Zoho-compatible server on loopback and a CamelContext whose zoho-attachments component talks to it
 * with the refresh-token grant, as production users configure it, with short retry delays.
 */
public abstract class ZohoTestSupport extends CamelTestSupport {

    protected static final String CLIENT_ID = "1000.TESTCLIENTID";
    protected static final String CLIENT_SECRET = "s3cr3t-client-value";
    protected static final String REFRESH_TOKEN = "1000.refresh-token-value";
    protected static final String RECORD = "4876876000000376008";

    protected final ZohoTestServer zoho = ZohoTestServer.start();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        zoho.registerClient(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
        CamelContext context = super.createCamelContext();
        ZohoAttachmentsConfiguration config = pointAt(context, zoho);
        config.setRetryInitialDelay(10);
        config.setRetryMaxDelay(40);
        return context;
    }

    /**
     * Points a CamelContext's zoho-attachments component at a test server, with the test credentials (which the server must
     * have registered); returns the component's configuration for further settings.
     */
    static ZohoAttachmentsConfiguration pointAt(CamelContext context, ZohoTestServer server) {
        ZohoAttachmentsConfiguration config = context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                .getConfiguration();
        config.setAccountsDomain(server.baseUrl());
        config.setApiDomain(server.baseUrl());
        config.setClientId(CLIENT_ID);
        config.setClientSecret(CLIENT_SECRET);
        config.setRefreshToken(REFRESH_TOKEN);
        return config;
    }

    /** Runs before CamelTestSupport's own tear-down: stop the routes first, so no poll meets a closed server. */
    @AfterEach
    void stopZoho() {
        context.stop();
        zoho.close();
    }

    /** Requests the Attachments API received (the token endpoint left out). */
    protected List<RecordedRequest> apiRequests() {
        return zoho.requests().stream().filter(r -> r.path().startsWith("/crm/")).toList();
    }

    /** Waits (up to 20 s) for a condition that asynchronous routes make true; fails naming what did not happen. */
    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Sends to the endpoint and returns the exchange; a failure stays on the exchange. */
    protected Exchange call(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }
}
