package io.github.camelzoho.examples;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.main.Main;

/**
 * Runs the example routes. With ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN in the environment (and
 * ZOHO_DATA_CENTER, ZOHO_MODULE, ZOHO_RECORD_ID as needed) they talk to the real Zoho CRM; otherwise the bundled
 * Zoho-compatible server is started on loopback, seeded with sample records, and the routes are pointed at it.
 */
public final class ExamplesMain {

    private ExamplesMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        ZohoTestServer offline = realCredentialsGiven() ? null : startOfflineServer(main);
        try {
            main.run(args);
        } finally {
            if (offline != null) {
                offline.close();
            }
        }
    }

    static boolean realCredentialsGiven() {
        return isSet("ZOHO_CLIENT_ID") && isSet("ZOHO_CLIENT_SECRET") && isSet("ZOHO_REFRESH_TOKEN");
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    /** Starts the bundled server and points the component at it, with its demo credentials. */
    static ZohoTestServer startOfflineServer(Main main) {
        ZohoTestServer server = ZohoTestServer.start();
        server.seedSampleData();
        server.registerClient(ZohoTestServer.DEMO_CLIENT_ID, ZohoTestServer.DEMO_CLIENT_SECRET,
                ZohoTestServer.DEMO_REFRESH_TOKEN);
        System.out.println("No ZOHO_CLIENT_ID/ZOHO_CLIENT_SECRET/ZOHO_REFRESH_TOKEN set: running offline against the bundled"
                + " Zoho-compatible server at " + server.baseUrl());
        main.addOverrideProperty("camel.component.zoho-attachments.apiDomain", server.baseUrl());
        main.addOverrideProperty("camel.component.zoho-attachments.accountsDomain", server.baseUrl());
        main.addOverrideProperty("camel.component.zoho-attachments.clientId", ZohoTestServer.DEMO_CLIENT_ID);
        main.addOverrideProperty("camel.component.zoho-attachments.clientSecret", ZohoTestServer.DEMO_CLIENT_SECRET);
        main.addOverrideProperty("camel.component.zoho-attachments.refreshToken", ZohoTestServer.DEMO_REFRESH_TOKEN);
        return server;
    }
}
