package io.github.camelzoho.attachments.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelzoho.attachments.ZohoRecordIdSource;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.state.MemoryStateRepository;

/**
 * Benchmark 6: what a watch of a whole module costs, side by side in one run over the same server: the module watch (no
 * recordId: the module-level listing with If-Modified-Since), its fallback when Zoho refuses that listing (the module's records
 * with Last_Activity_Time, then the attachments of active records), and the per-record watch of every record id
 * (recordIdSource). For each: API requests and wall time of an idle poll, and of a poll that finds {@code fresh} new
 * attachments on as many random records.
 * <p>
 * The history (2 attachments per record, a day old) is seeded without latency and delivered once by each route before anything
 * is measured; the measured polls run at the injected latency. Each poll is the first of a route start (a long {@code delay};
 * the repositories are kept across the restart), timed from the scheduler's begin to its commit: the module watch resumes from
 * the position it kept, the fallback asks the module listing again once after each start (one request of its figures). Then a
 * first start over 100,000 attachments and restarts, on a server of their own.
 */
final class ModuleWatchBenchmark {

    static final String NAME = "6. module watch";
    private static final String REFRESH_TOKEN = "1000.benchmark-refresh-module";

    private final int records;
    private final int perRecord;
    private final int fresh;
    private final int latencyMs;
    private Run fallbackConfirmation;

    ModuleWatchBenchmark(int records, int perRecord, int fresh, int latencyMs) {
        this.records = records;
        this.perRecord = perRecord;
        this.fresh = fresh;
        this.latencyMs = latencyMs;
    }

    /** One measured poll. */
    private record Run(double ms, int messages, int requests) {
    }

    void run(ResultTable table) throws Exception {
        System.out.printf("%n== %s: %,d records, %,d attachments, %d new, %d ms injected latency%n", NAME, records,
                records * perRecord, fresh, latencyMs);
        try (ZohoTestServer zoho = Zoho.server(REFRESH_TOKEN, Duration.ZERO);
                Zoho.Camel running = Zoho.camel(zoho.baseUrl(), REFRESH_TOKEN, config -> {
                })) {
            CamelContext camel = running.context();
            List<String> ids = Zoho.recordIds(records);
            Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
            for (String id : ids) {
                zoho.seedAttachments(Zoho.MODULE, id, perRecord, dayAgo);
            }
            zoho.seedAttachments("Deals", Long.toString(Zoho.FIRST_RECORD), perRecord, dayAgo); // never delivered
            PollBenchmark.PollClock clock = new PollBenchmark.PollClock();
            AtomicInteger delivered = new AtomicInteger();
            camel.getRegistry().bind("pollClock", clock);
            camel.getRegistry().bind("ids", (ZohoRecordIdSource) () -> ids);
            for (String variant : List.of("module", "fallback", "records")) {
                camel.getRegistry().bind(variant + "Repository", new KeepingRepository());
            }
            String common = "&maxMessagesPerPoll=0&initialDelay=0&delay=3600000&pollStrategy=#pollClock";
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("zoho-attachments:list?module=" + Zoho.MODULE + common + "&idempotentRepository=#moduleRepository")
                            .routeId("module").autoStartup(false).process(e -> delivered.incrementAndGet());
                    from("zoho-attachments:list?module=" + Zoho.MODULE + common
                            + "&idempotentRepository=#fallbackRepository")
                            .routeId("fallback").autoStartup(false).process(e -> delivered.incrementAndGet());
                    from("zoho-attachments:list?module=" + Zoho.MODULE + "&recordIdSource=#ids" + common
                            + "&idempotentRepository=#recordsRepository")
                            .routeId("records").autoStartup(false).process(e -> delivered.incrementAndGet());
                }
            });
            camel.start();

            // every route delivers the history once, without latency
            for (String variant : List.of("module", "fallback", "records")) {
                zoho.refuseModuleListing(variant.equals("fallback") ? "NO_PERMISSION" : null);
                Run initial = poll(camel, variant, clock, zoho);
                if (initial.messages() != records * perRecord) {
                    throw new IllegalStateException(variant + ": the first poll delivered " + initial.messages()
                            + " attachments, not " + records * perRecord);
                }
                // the fallback's walk of 50 pages of records moves the position once the next walk confirms it: that one
                // lists every record again, once after a first start; measured below is the watch after it
                Run confirming = poll(camel, variant, clock, zoho);
                if (variant.equals("fallback")) {
                    fallbackConfirmation = confirming;
                }
            }

            zoho.setLatency(Duration.ofMillis(latencyMs));
            Random random = new Random(6);
            String bench = String.format(Locale.ROOT, "%s, %,d records / %,d attachments @ %d ms", NAME, records,
                    records * perRecord, latencyMs);
            Run[][] runs = new Run[3][2];
            List<String> variants = List.of("module", "fallback", "records");
            for (int v = 0; v < variants.size(); v++) {
                zoho.refuseModuleListing(variants.get(v).equals("fallback") ? "NO_PERMISSION" : null);
                runs[v][0] = poll(camel, variants.get(v), clock, zoho);
            }
            // the same new attachments for every variant: each route delivers them once
            for (int i = 0; i < fresh; i++) {
                zoho.seedAttachments(Zoho.MODULE, ids.get(random.nextInt(ids.size())), 1);
            }
            for (int v = 0; v < variants.size(); v++) {
                zoho.refuseModuleListing(variants.get(v).equals("fallback") ? "NO_PERMISSION" : null);
                runs[v][1] = poll(camel, variants.get(v), clock, zoho);
            }
            for (int v = 0; v < variants.size(); v++) {
                if (runs[v][0].messages() != 0 || runs[v][1].messages() != fresh) {
                    throw new IllegalStateException(variants.get(v) + ": " + runs[v][0].messages() + " then "
                            + runs[v][1].messages() + " attachments, expected 0 then " + fresh);
                }
            }
            table.compare(bench, "second poll after a first start, fallback (confirms the first walk), API requests",
                    fallbackConfirmation.requests(), "", "per-record watch", records, "1 + ceil(records/200) + records",
                    r -> fallbackConfirmation.requests() <= 1 + Math.ceil(records / 200.0) + records);
            Run module = runs[0][0];
            Run fallback = runs[1][0];
            Run perRecordRun = runs[2][0];
            table.compare(bench, "idle poll, module watch, API requests", module.requests(), "",
                    "per-record watch", perRecordRun.requests(), "<= 2", r -> module.requests() <= 2);
            table.compare(bench, "idle poll, module watch, wall time", module.ms(), "ms", "per-record watch",
                    perRecordRun.ms(), null, null);
            table.compare(bench, "idle poll, fallback (listing refused), API requests", fallback.requests(), "",
                    "per-record watch", perRecordRun.requests(), "1 + ceil(records/200)",
                    r -> fallback.requests() <= 1 + Math.ceil(records / 200.0));
            table.compare(bench, "idle poll, fallback, wall time", fallback.ms(), "ms", "per-record watch",
                    perRecordRun.ms(), null, null);
            Run moduleNew = runs[0][1];
            Run fallbackNew = runs[1][1];
            Run perRecordNew = runs[2][1];
            table.compare(bench, "poll with " + fresh + " new, module watch, API requests", moduleNew.requests(), "",
                    "per-record watch", perRecordNew.requests(), "<= 3", r -> moduleNew.requests() <= 3);
            table.compare(bench, "poll with " + fresh + " new, module watch, wall time", moduleNew.ms(), "ms",
                    "per-record watch", perRecordNew.ms(), null, null);
            table.compare(bench, "poll with " + fresh + " new, fallback, API requests", fallbackNew.requests(), "",
                    "per-record watch", perRecordNew.requests(), "1 + ceil(records/200) + active records",
                    r -> fallbackNew.requests() <= 1 + Math.ceil(records / 200.0) + fresh);
            table.compare(bench, "poll with " + fresh + " new, fallback, wall time", fallbackNew.ms(), "ms",
                    "per-record watch", perRecordNew.ms(), null, null);
        }
        firstStartAndRestart(table);
    }

    /**
     * A first start over 100,000 attachments (one a second, as a year of use would leave them, on 10,000 records), then an idle
     * poll and a restart that resumes from the saved position: API requests against the listing's pages (ceil(attachments /
     * 200)), the least any walk of it can send.
     */
    private void firstStartAndRestart(ResultTable table) throws Exception {
        int total = 100_000;
        int pages = (total + 199) / 200;
        try (ZohoTestServer zoho = Zoho.server(REFRESH_TOKEN, Duration.ZERO);
                Zoho.Camel running = Zoho.camel(zoho.baseUrl(), REFRESH_TOKEN, config -> {
                })) {
            CamelContext camel = running.context();
            List<String> ids = Zoho.recordIds(10_000);
            Instant start = Instant.now().minus(Duration.ofSeconds(total + 3_600));
            for (int i = 0; i < total; i++) {
                zoho.seedAttachments(Zoho.MODULE, ids.get(i % ids.size()), 1, start.plusSeconds(i));
            }
            PollBenchmark.PollClock clock = new PollBenchmark.PollClock();
            camel.getRegistry().bind("pollClock", clock);
            camel.getRegistry().bind("firstStartRepository", new KeepingRepository());
            camel.getRegistry().bind("position", new MemoryStateRepository());
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("zoho-attachments:list?module=" + Zoho.MODULE + "&maxMessagesPerPoll=0&initialDelay=0&delay=3600000"
                            + "&pollStrategy=#pollClock&idempotentRepository=#firstStartRepository&stateRepository=#position")
                            .routeId("firstStart").autoStartup(false).process(e -> {
                            });
                }
            });
            camel.start();
            Run first = poll(camel, "firstStart", clock, zoho);
            if (first.messages() != total) {
                throw new IllegalStateException("the first start delivered " + first.messages() + ", not " + total);
            }
            Run restart = poll(camel, "firstStart", clock, zoho); // resumes from the position: nothing new
            for (int i = 0; i < fresh; i++) {
                zoho.seedAttachments(Zoho.MODULE, ids.get(i), 1);
            }
            Run restartWithNew = poll(camel, "firstStart", clock, zoho);
            String bench = String.format(Locale.ROOT, "%s, first start over %,d attachments", NAME, total);
            table.compare(bench, "first start, API requests", first.requests(), "", "pages of the listing", pages,
                    "<= 1.1 x pages", r -> first.requests() <= 1.1 * pages);
            table.compare(bench, "restart, nothing new, API requests", restart.requests(), "", "one request", 1, "1",
                    r -> restart.requests() == 1);
            table.compare(bench, "restart, " + fresh + " new, API requests", restartWithNew.requests(), "",
                    "1 + pages of the new", 1 + (fresh + 199) / 200, "<= 1 + the overlap's pages",
                    r -> restartWithNew.requests() <= 1 + (fresh + 199) / 200 && restartWithNew.messages() == fresh);
        }
    }

    /** Starts the route, waits for its first poll, stops it; counts the API requests in between. */
    private static Run poll(CamelContext camel, String routeId, PollBenchmark.PollClock clock, ZohoTestServer zoho)
            throws Exception {
        zoho.clearRequests();
        camel.getRouteController().startRoute(routeId);
        PollBenchmark.PollClock.Poll poll = clock.next();
        int requests = zoho.requests("*", "/crm/.+").size();
        camel.getRouteController().stopRoute(routeId);
        return new Run(poll.nanos() / 1e6, poll.messages(), requests);
    }
}
