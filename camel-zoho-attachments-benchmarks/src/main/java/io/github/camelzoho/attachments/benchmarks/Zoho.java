package io.github.camelzoho.attachments.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.camelzoho.attachments.ZohoAttachmentsComponent;
import io.github.camelzoho.attachments.ZohoAttachmentsConfiguration;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** The test server and CamelContexts configured for it, as a production user configures the component. */
final class Zoho {

    static final String MODULE = "Leads";
    static final String CLIENT_ID = "1000.BENCHMARKCLIENT";
    static final String CLIENT_SECRET = "benchmark-client-secret";
    /** An access token the server accepts without expiry: the raw baselines and the fixed-token runs use it. */
    static final String FIXED_ACCESS_TOKEN = "1000.benchmark-fixed-access-token";
    /** The first id of the records benchmarks create; ids are consecutive from here. */
    static final long FIRST_RECORD = 4876876000002000000L;

    private Zoho() {
    }

    /** A fresh server with the benchmark client registered under its own refresh token, and the injected latency. */
    static ZohoTestServer server(String refreshToken, Duration latency) {
        ZohoTestServer zoho = ZohoTestServer.start();
        zoho.registerClient(CLIENT_ID, CLIENT_SECRET, refreshToken);
        zoho.addAccessToken(FIXED_ACCESS_TOKEN);
        zoho.setLatency(latency);
        return zoho;
    }

    /** Record ids {@code FIRST_RECORD .. FIRST_RECORD + count - 1}. */
    static List<String> recordIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(Long.toString(FIRST_RECORD + i));
        }
        return ids;
    }

    /** A CamelContext for try-with-resources (CamelContext's own close() may throw InterruptedException). */
    record Camel(CamelContext context) implements AutoCloseable {

        @Override
        public void close() {
            context.stop();
        }
    }

    /** A CamelContext (not started) whose component uses the refresh-token grant against the server. */
    static Camel camel(String baseUrl, String refreshToken, Consumer<ZohoAttachmentsConfiguration> tweak) {
        CamelContext camel = new DefaultCamelContext();
        ZohoAttachmentsConfiguration config = camel.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                .getConfiguration();
        config.setAccountsDomain(baseUrl);
        config.setApiDomain(baseUrl);
        config.setClientId(CLIENT_ID);
        config.setClientSecret(CLIENT_SECRET);
        config.setRefreshToken(refreshToken);
        tweak.accept(config);
        return new Camel(camel);
    }
}
