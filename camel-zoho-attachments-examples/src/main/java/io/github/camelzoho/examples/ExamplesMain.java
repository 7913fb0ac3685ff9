package io.github.camelzoho.examples;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

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
        housekeeping("XML DSL", "routes/housekeeping.camel.xml"),
        archive("YAML DSL", "routes/archive-attachments.camel.yaml");

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

    public static void main(String[] args) {
        List<Example> examples = chosen(args);
        ZohoTestServer offline = realCredentialsGiven() ? null : startOfflineServer();
        try {
            run(examples, offline);
        } finally {
            if (offline != null) {
                offline.close();
            }
        }
    }

    /**
     * Runs the examples in turn, against {@code offline} when not null.
     *
     * @throws IllegalStateException
     *             naming each example that did not start, loaded no route, or had a failed exchange, so that
     *             {@code mvn -Prun-examples package} fails and a broken example cannot pass unnoticed
     */
    static void run(List<Example> examples, ZohoTestServer offline) {
        List<String> failures = new ArrayList<>();
        for (Example example : examples) {
            System.out.printf("%n=== Example '%s' (%s, %s) ===%n", example, example.dsl, example.source);
            Main main = new Main();
            if (offline != null) {
                pointAt(main, offline);
            }
            ExampleRun run = new ExampleRun(main, example != Example.sizes);
            main.addMainListener(run);
            configure(main, example);
            try {
                main.run();
            } catch (Exception e) {
                run.failedToStart(e);
            }
            run.problem().ifPresent(problem -> failures.add(example + ": " + problem));
            if (example == Example.archive && run.problem().isEmpty() && run.exchanges() == 0) {
                System.out.println("Nothing new to archive: every attachment is already in the archive (it remembers them"
                        + " across runs). Delete " + archiveDirectory() + " to archive everything again.");
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Examples failed: " + String.join("; ", failures));
        }
    }

    /**
     * One example's run: stops it once it has been idle for {@value #IDLE_SECONDS} s (no exchange in flight or started), and
     * tells whether it did its work: it started, loaded a route, and no exchange failed (Camel logs the errors). The idle watch
     * is a daemon thread, so a run that fails cannot keep the JVM (and {@code mvn exec:java}) waiting.
     */
    private static final class ExampleRun extends MainListenerSupport {

        private final Main main;
        private final boolean stopWhenIdle;
        private final AtomicInteger failedExchanges = new AtomicInteger();
        private final AtomicInteger createdExchanges = new AtomicInteger();
        private volatile long lastActivity = System.nanoTime();
        private volatile String problem;

        ExampleRun(Main main, boolean stopWhenIdle) {
            this.main = main;
            this.stopWhenIdle = stopWhenIdle;
        }

        @Override
        public void afterConfigure(BaseMainSupport configured) {
            configured.getCamelContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {

                @Override
                public void notify(CamelEvent event) {
                    lastActivity = System.nanoTime();
                    if (event instanceof CamelEvent.ExchangeFailedEvent) {
                        failedExchanges.incrementAndGet();
                    } else if (event instanceof CamelEvent.ExchangeCreatedEvent) {
                        createdExchanges.incrementAndGet();
                    }
                }

                @Override
                public boolean isEnabled(CamelEvent event) {
                    return event instanceof CamelEvent.ExchangeEvent;
                }
            });
        }

        @Override
        public void afterStart(BaseMainSupport started) {
            CamelContext context = started.getCamelContext();
            if (context.getRoutes().isEmpty()) {
                problem = "no route was loaded (see the warnings above)";
                main.completed();
            } else if (stopWhenIdle) {
                lastActivity = System.nanoTime(); // idle from now on, not from before the start-up
                Thread watch = new Thread(() -> stopWhenIdle(context), "example-idle-watch");
                watch.setDaemon(true);
                watch.start();
            }
        }

        private void stopWhenIdle(CamelContext context) {
            long idle = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
            try {
                while (context.getInflightRepository().size() > 0 || System.nanoTime() - lastActivity < idle) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            main.completed();
        }

        void failedToStart(Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            problem = "did not start: " + cause.getMessage();
        }

        int exchanges() {
            return createdExchanges.get();
        }

        Optional<String> problem() {
            if (problem != null) {
                return Optional.of(problem);
            }
            int failed = failedExchanges.get();
            return failed == 0 ? Optional.empty() : Optional.of(failed + " exchange(s) failed (see the errors above)");
        }
    }

    static List<Example> chosen(String[] args) {
        List<String> names = args.length > 0
                ? Arrays.asList(args)
                : Arrays.asList(System.getProperty("examples", "").split(","));
        List<Example> chosen = new ArrayList<>();
        for (String name : names) {
            if (!name.isBlank()) {
                chosen.add(example(name.trim().toLowerCase(Locale.ROOT)));
            }
        }
        return chosen.isEmpty() ? List.of(Example.values()) : chosen;
    }

    private static Example example(String name) {
        for (Example example : Example.values()) {
            if (example.name().equals(name)) {
                return example;
            }
        }
        throw new IllegalArgumentException("Unknown example '" + name + "': choose among " + Arrays.toString(Example.values()));
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
                    try {
                        template.requestBody(AttachmentSizesRoutes.ENDPOINT, recordIds, AttachmentSizeReport.class);
                    } catch (CamelExecutionException e) {
                        // logged by Camel and counted as a failed exchange
                    } finally {
                        main.completed();
                    }
                }
            });
        } else {
            main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:" + example.source);
            if (example == Example.archive) {
                main.addOverrideProperty("archive.directory", archiveDirectory());
            }
        }
    }

    /**
     * Where the archive example writes: {@code -Darchive.directory}, else {@code ZOHO_ARCHIVE_DIR}, else {@code zoho-archive}
     * in the target directory of this module (whichever directory Maven was started from), relative to the working directory
     * when it is below it, so that the log lines stay short.
     */
    static String archiveDirectory() {
        String chosen = System.getProperty("archive.directory", System.getenv("ZOHO_ARCHIVE_DIR"));
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        return archiveDirectory(moduleTargetDirectory(), Path.of("").toAbsolutePath());
    }

    static String archiveDirectory(Path moduleTarget, Path workingDirectory) {
        Path archive = moduleTarget.resolve("zoho-archive").toAbsolutePath().normalize();
        return archive.startsWith(workingDirectory) ? workingDirectory.relativize(archive).toString() : archive.toString();
    }

    /** This module's target directory: the one holding the classes (or the jar) ExamplesMain was loaded from. */
    static Path moduleTargetDirectory() {
        try {
            Path classes = Path.of(ExamplesMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot tell where ExamplesMain was loaded from", e);
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
