package io.github.camelzoho.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the examples one after the other, each in its own camel-main, each stopping on its own once it has done its work.
 * <p>
 * With ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN in the environment (and ZOHO_DATA_CENTER, ZOHO_MODULE,
 * ZOHO_RECORD_IDS as needed) they talk to the real Zoho CRM; otherwise the bundled Zoho-compatible server is started on
 * loopback, seeded with sample records, and the routes are pointed at it.
 * <p>
 * Arguments (or the system property {@code examples}, comma-separated) choose the examples; by default all of them run.
 */
public final class ExamplesMain {

    /** The examples, in the order they run. */
    enum Example {

        list("YAML DSL", "routes/list-attachments.camel.yaml"),
        sizes("Java DSL", "io.github.camelzoho.examples.AttachmentSizesRoutes"),
        housekeeping("XML DSL", "routes/housekeeping.camel.xml");

        final String dsl;
        final String source;

        Example(String dsl, String source) {
            this.dsl = dsl;
            this.source = source;
        }
    }

    /** A route that has seen no exchange for this long has done its work. */
    static final int IDLE_SECONDS = 3;

    private ExamplesMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Example> examples = chosen(args);
        ZohoTestServer offline = realCredentialsGiven() ? null : startOfflineServer();
        try {
            for (Example example : examples) {
                System.out.printf("%n=== Example '%s' (%s, %s) ===%n", example, example.dsl, example.source);
                Main main = new Main();
                if (offline != null) {
                    pointAt(main, offline);
                }
                configure(main, example);
                main.run();
            }
        } finally {
            if (offline != null) {
                offline.close();
            }
        }
    }

    static List<Example> chosen(String[] args) {
        List<String> names = args.length > 0
                ? Arrays.asList(args)
                : Arrays.asList(System.getProperty("examples", "").split(","));
        List<Example> chosen = new ArrayList<>();
        for (String name : names) {
            if (!name.isBlank()) {
                chosen.add(Example.valueOf(name.trim().toLowerCase(Locale.ROOT)));
            }
        }
        return chosen.isEmpty() ? List.of(Example.values()) : chosen;
    }

    private static void configure(Main main, Example example) {
        if (example == Example.sizes) {
            main.configure().addRoutesBuilder(new AttachmentSizesRoutes());
            // On demand: ask once for the configured records, then stop.
            main.addMainListener(new MainListenerSupport() {

                @Override
                public void afterStart(BaseMainSupport started) {
                    ProducerTemplate template = started.getCamelContext().createProducerTemplate();
                    String recordIds = started.getCamelContext().resolvePropertyPlaceholders("{{zoho.recordIds}}");
                    template.requestBody(AttachmentSizesRoutes.ENDPOINT, recordIds, AttachmentSizeReport.class);
                    main.completed();
                }
            });
        } else {
            main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:" + example.source);
            main.addOverrideProperty("camel.main.duration-max-idle-seconds", String.valueOf(IDLE_SECONDS));
        }
    }

    static boolean realCredentialsGiven() {
        return isSet("ZOHO_CLIENT_ID") && isSet("ZOHO_CLIENT_SECRET") && isSet("ZOHO_REFRESH_TOKEN");
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    /**
     * Starts the bundled server with the sample records, plus a large recording on the sample lead for the housekeeping example
     * to find.
     */
    static ZohoTestServer startOfflineServer() {
        ZohoTestServer server = ZohoTestServer.start();
        server.seedSampleData();
        server.addGeneratedAttachment("Leads", ZohoTestServer.SAMPLE_LEAD_ID, "Webinar-recording.mp4", 12_000_000);
        server.registerClient(ZohoTestServer.DEMO_CLIENT_ID, ZohoTestServer.DEMO_CLIENT_SECRET,
                ZohoTestServer.DEMO_REFRESH_TOKEN);
        System.out.println("No ZOHO_CLIENT_ID/ZOHO_CLIENT_SECRET/ZOHO_REFRESH_TOKEN set: running offline against the bundled"
                + " Zoho-compatible server at " + server.baseUrl());
        return server;
    }

    /** Points the component at the bundled server, with its demo credentials. */
    static void pointAt(Main main, ZohoTestServer server) {
        main.addOverrideProperty("camel.component.zoho-attachments.apiDomain", server.baseUrl());
        main.addOverrideProperty("camel.component.zoho-attachments.accountsDomain", server.baseUrl());
        main.addOverrideProperty("camel.component.zoho-attachments.clientId", ZohoTestServer.DEMO_CLIENT_ID);
        main.addOverrideProperty("camel.component.zoho-attachments.clientSecret", ZohoTestServer.DEMO_CLIENT_SECRET);
        main.addOverrideProperty("camel.component.zoho-attachments.refreshToken", ZohoTestServer.DEMO_REFRESH_TOKEN);
    }
}
