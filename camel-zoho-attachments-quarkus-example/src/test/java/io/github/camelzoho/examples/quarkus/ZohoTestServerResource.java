package io.github.camelzoho.examples.quarkus;

import java.util.Map;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the bundled Zoho-compatible server with its sample records and points the application at it, polling every 500 ms so
 * that the test sees further polls.
 */
public class ZohoTestServerResource implements QuarkusTestResourceLifecycleManager {

    static ZohoTestServer zoho;

    @Override
    public Map<String, String> start() {
        zoho = ZohoTestServer.start();
        zoho.seedSampleData();
        zoho.registerClient(ZohoTestServer.DEMO_CLIENT_ID, ZohoTestServer.DEMO_CLIENT_SECRET,
                ZohoTestServer.DEMO_REFRESH_TOKEN);
        return Map.of(
                "camel.component.zoho-attachments.accountsDomain", zoho.baseUrl(),
                "camel.component.zoho-attachments.apiDomain", zoho.baseUrl(),
                "camel.component.zoho-attachments.clientId", ZohoTestServer.DEMO_CLIENT_ID,
                "camel.component.zoho-attachments.clientSecret", ZohoTestServer.DEMO_CLIENT_SECRET,
                "camel.component.zoho-attachments.refreshToken", ZohoTestServer.DEMO_REFRESH_TOKEN,
                "zoho.record-ids", ZohoTestServer.SAMPLE_LEAD_ID + "," + ZohoTestServer.SAMPLE_EMPTY_LEAD_ID,
                "zoho.poll-delay", "500",
                "archive.directory", "target/test-archive-" + System.nanoTime());
    }

    @Override
    public void stop() {
        if (zoho != null) {
            zoho.close();
        }
    }
}
