package io.github.camelzoho.attachments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.camelzoho.attachments.testserver.ModuleListingOrder;
import io.github.camelzoho.attachments.testserver.ModuleListingSort;
import io.github.camelzoho.attachments.testserver.PageTokenMode;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded, replayable simulation of the consumer against the bundled server: each seed draws a configuration (whole module,
 * recordId or recordIdSource; listing order; whether Zoho sorts, pages by token, honours If-Modified-Since; page size,
 * maxMessagesPerPoll, startFrom, a stateRepository or not, the host clock up to two minutes off Zoho's) and a schedule of
 * events between polls: attachments added (also many in one second, and some showing up late, within the overlap), deleted
 * (also between two pages of a walk), listing pages failing (500, 429), exchanges failing or completing asynchronously, a
 * graceful restart, a crash in the middle of an exchange, the module listing refused and granted again, the daily budget
 * reached. Afterwards, with the faults gone, the invariant: every attachment of the watched records that exists at the end
 * (and, with startFrom=now, was added after the start) was processed successfully exactly once, plus at most one duplicate per
 * crash; nothing of another module or record was emitted; an idle poll costs what the docs say.
 * <p>
 * CI runs {@value #CI_SCHEDULES} seeds. A failing seed prints a command that replays it alone:
 * {@code mvn -B -ntp -pl camel-zoho-attachments -am verify -Dtest=ZohoConsumerSimulationTest -Dsurefire.failIfNoSpecifiedTests=false -Dsimulation.seeds=SEED}
 * ; a long run is {@code -Dsimulation.count=20000} (seeds from {@code simulation.first}, default 1).
 */
class ZohoConsumerSimulationTest {

    static final int CI_SCHEDULES = 200;
    private static final String WATCHED = "Leads";
    private static final String OTHER = "Deals";
    private static final long FIRST_RECORD = 4876876000000900000L;
    private static final int RECORDS = 4;
    private static final String LISTING = "/crm/v8/Attachments";

    enum Discovery {
        MODULE,
        RECORD_ID,
        RECORD_ID_SOURCE
    }

    static Stream<Long> seeds() {
        String only = System.getProperty("simulation.seeds");
        if (only != null && !only.isBlank()) {
            return Stream.of(only.split(",")).map(String::trim).map(Long::parseLong);
        }
        long first = Long.getLong("simulation.first", 1);
        int count = Integer.getInteger("simulation.count", CI_SCHEDULES);
        return IntStream.range(0, count).mapToObj(i -> first + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyAttachmentThatExistsAtTheEndIsProcessedOnce(long seed, @TempDir Path dir) throws Exception {
        try (Schedule schedule = new Schedule(seed, dir)) {
            schedule.run();
        } catch (AssertionError | Exception e) {
            throw new AssertionError(
                    "seed " + seed + " failed; replay it alone with: mvn -B -ntp -pl camel-zoho-attachments -am"
                            + " verify -Dtest=ZohoConsumerSimulationTest -Dsurefire.failIfNoSpecifiedTests=false"
                            + " -Dsimulation.seeds=" + seed + "\n" + e.getMessage(),
                    e);
        }
    }

    /** One schedule: its configuration, what it did, and what the route received. */
    private static final class Schedule implements AutoCloseable {

        private final long seed;
        private final Random random;
        private final Path dir;
        private final ZohoTestServer zoho = ZohoTestServer.start();
        private final StringBuilder story = new StringBuilder();
        private final Discovery discovery;
        private final boolean useState;
        private final boolean startFromNow;
        private final int perPage;
        private final int maxMessagesPerPoll;
        private final Duration skew;
        private final boolean ifModifiedSinceHonoured;
        private final boolean async;
        /** "record/attachment" of every successful exchange, duplicates included, and the modules they named. */
        private final List<String> processed = new CopyOnWriteArrayList<>();
        private final Set<String> modules = ConcurrentHashMap.newKeySet();
        /** Attachments whose exchange fails this many more times. */
        private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();
        /** Watched attachments created after the consumer first started, and before it (the history). */
        private final Set<String> added = new HashSet<>();
        private final Set<String> history = new HashSet<>();
        private final Set<String> deleted = ConcurrentHashMap.newKeySet();
        private int crashes;
        private volatile boolean crashInNextExchange;
        /** After a crash, until the restart: the process is gone, nothing it does counts. */
        private volatile boolean dead;
        private final ModuleListingOrder order;
        private final ModuleListingSort sort;
        private final PageTokenMode tokens;
        private boolean everRefused;
        private final int pageLimit;
        private DefaultCamelContext camel;
        private ZohoAttachmentsEndpoint endpoint;

        Schedule(long seed, Path dir) {
            this.seed = seed;
            this.random = new Random(seed);
            this.dir = dir;
            discovery = Discovery.values()[random.nextInt(Discovery.values().length)];
            useState = random.nextBoolean();
            startFromNow = random.nextInt(3) == 0;
            perPage = new int[]{2, 3, 5, 200}[random.nextInt(4)];
            maxMessagesPerPoll = new int[]{1, 3, 7, 500}[random.nextInt(4)];
            skew = Duration.ofSeconds(random.nextInt(241) - 120);
            ifModifiedSinceHonoured = random.nextInt(5) != 0;
            // from a random of its own, so that every other draw of a seed stays as it was before this one was added
            async = new Random(seed * 31 + 7).nextInt(4) == 0;
            zoho.registerClient(ZohoTestSupport.CLIENT_ID, ZohoTestSupport.CLIENT_SECRET, ZohoTestSupport.REFRESH_TOKEN);
            order = ModuleListingOrder.values()[random.nextInt(ModuleListingOrder.values().length)];
            sort = ModuleListingSort.values()[random.nextInt(ModuleListingSort.values().length)];
            tokens = PageTokenMode.values()[random.nextInt(PageTokenMode.values().length)];
            zoho.setModuleListingOrder(order);
            zoho.setModuleListingSort(sort);
            zoho.setPageTokenMode(tokens);
            zoho.setModuleListingHonoursIfModifiedSince(ifModifiedSinceHonoured);
            // the module listing's 2,000-attachment page limit, scaled down so that small pages meet it (no page token comes)
            pageLimit = tokens == PageTokenMode.NEVER && perPage < 200 && random.nextBoolean()
                    ? 200 + random.nextInt(40)
                    : 2000;
            zoho.setModuleListingPageLimit(pageLimit);
            say("%s, perPage=%d, maxMessagesPerPoll=%d, startFrom=%s, stateRepository=%s, host clock %+d s, order %s, sort %s,"
                    + " page tokens %s (page limit %d), If-Modified-Since %s%s", discovery, perPage, maxMessagesPerPoll,
                    startFromNow ? "now" : "beginning", useState, skew.toSeconds(), order, sort, tokens, pageLimit,
                    ifModifiedSinceHonoured ? "honoured" : "ignored", async ? ", exchanges complete asynchronously" : "");
        }

        private void say(String format, Object... args) {
            story.append(String.format(format, args)).append('\n');
        }

        private String record(int i) {
            return Long.toString(FIRST_RECORD + i);
        }

        private String uri() {
            StringBuilder uri = new StringBuilder("zoho-attachments:list?module=" + WATCHED
                    + "&initialDelay=0&delay=1&startScheduler=false&modifiedSinceOverlap=2000&inProgressLease=60000"
                    + "&idempotentRepository=#delivered&perPage=" + perPage + "&maxMessagesPerPoll=" + maxMessagesPerPoll
                    + "&startFrom=" + (startFromNow ? "now" : "beginning"));
            if (useState) {
                uri.append("&stateRepository=#position");
            }
            if (discovery == Discovery.RECORD_ID) {
                uri.append("&recordId=").append(String.join(",", IntStream.range(0, RECORDS).mapToObj(this::record).toList()));
            } else if (discovery == Discovery.RECORD_ID_SOURCE) {
                uri.append("&recordIdSource=#records");
            }
            return uri.toString();
        }

        void run() throws Exception {
            // the history: before the consumer first starts, in time order, long enough ago for startFrom=now to skip it; on
            // whole minutes for some seeds (the time a saved position once rounded to)
            boolean wholeMinutes = random.nextBoolean();
            Instant past = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            for (int i = 0; i < random.nextInt(12); i++) {
                int r = random.nextInt(RECORDS);
                Instant created = wholeMinutes
                        ? past.plus(i, ChronoUnit.MINUTES)
                        : past.plusSeconds(i * (1 + random.nextInt(3)));
                history.addAll(keys(record(r), zoho.seedAttachments(WATCHED, record(r), 1 + random.nextInt(3), created)));
                zoho.seedAttachments(OTHER, record(r), 1, created);
            }
            say("history: %d attachments%s", history.size(), wholeMinutes ? ", on whole minutes" : "");
            start();
            int steps = 10 + random.nextInt(20);
            for (int step = 0; step < steps; step++) {
                event();
            }
            settle();
            check();
        }

        private static List<String> keys(String record, List<Map<String, Object>> attachments) {
            return attachments.stream().map(a -> record + "/" + a.get("id")).toList();
        }

        private void start() throws Exception {
            camel = new DefaultCamelContext();
            ZohoTestSupport.pointAt(camel, zoho).setRetryInitialDelay(1);
            ZohoAttachmentsConfiguration config = camel.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                    .getConfiguration();
            config.setRetryMaxDelay(2);
            config.setMaxRetries(1);
            camel.getRegistry().bind("delivered",
                    FileIdempotentRepository.fileIdempotentRepository(dir.resolve("delivered.txt").toFile(), 100_000));
            camel.getRegistry().bind("position", FileStateRepository.fileStateRepository(dir.resolve("position.txt").toFile()));
            camel.getRegistry().bind("records", (ZohoRecordIdSource) () -> IntStream.range(0, RECORDS).mapToObj(this::record)
                    .toList());
            endpoint = camel.getEndpoint(uri(), ZohoAttachmentsEndpoint.class);
            endpoint.setClock(Clock.offset(Clock.systemUTC(), skew));
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    // asynchronous: the exchange completes on another thread, after the poll moved on
                    (async ? from(endpoint).routeId("watch").threads(2) : from(endpoint).routeId("watch")).process(e -> {
                        if (dead) {
                            throw new CrashedException();
                        }
                        String key = e.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID, String.class) + "/"
                                + e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class);
                        AtomicInteger failures = failing.get(key);
                        if (failures != null && failures.getAndDecrement() > 0) {
                            throw new IllegalStateException("the route fails " + key);
                        }
                        processed.add(key);
                        modules.add(e.getMessage().getHeader(ZohoAttachmentsConstants.MODULE, String.class));
                        if (crashInNextExchange) {
                            // the process dies here: its work is done, its completion never recorded
                            crashInNextExchange = false;
                            dead = true;
                            snapshot();
                            throw new CrashedException();
                        }
                    });
                }
            });
            dead = false;
            camel.start();
        }

        private void poll() {
            ((ScheduledPollConsumer) camel.getRoute("watch").getConsumer()).run();
            if (async && random.nextBoolean()) {
                awaitExchanges(); // else the next poll meets them still in flight
            }
        }

        /** Waits (5 s at most) until no exchange of the route is in flight. */
        private void awaitExchanges() {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (camel.getInflightRepository().size("watch") > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        private Path[] files() {
            return new Path[]{dir.resolve("delivered.txt"), dir.resolve("position.txt")};
        }

        private void snapshot() throws Exception {
            for (Path file : files()) {
                if (Files.exists(file)) {
                    Files.copy(file, file.resolveSibling(file.getFileName() + ".crash"), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".crash"));
                }
            }
        }

        private void restoreSnapshot() throws Exception {
            for (Path file : files()) {
                Path saved = file.resolveSibling(file.getFileName() + ".crash");
                if (Files.exists(saved)) {
                    Files.move(saved, file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(file);
                }
            }
        }

        private void event() throws Exception {
            int r = random.nextInt(RECORDS);
            switch (random.nextInt(16)) {
                case 0, 1, 2 -> {
                    int n = 1 + random.nextInt(4);
                    added.addAll(keys(record(r), zoho.seedAttachments(WATCHED, record(r), n)));
                    say("add %d to %s", n, record(r));
                }
                case 3 -> {
                    int n = 5 + random.nextInt(20);
                    added.addAll(keys(record(r), zoho.seedAttachments(WATCHED, record(r), n, Instant.now())));
                    say("add %d in one second to %s", n, record(r));
                }
                case 4 -> {
                    // shows up in the listing late: its time is a little before now, within modifiedSinceOverlap
                    added.addAll(keys(record(r), zoho.seedAttachments(WATCHED, record(r), 1,
                            Instant.now().minusMillis(random.nextInt(1000)))));
                    say("add 1 late to %s", record(r));
                }
                case 5 -> {
                    zoho.seedAttachments(OTHER, record(r), 1 + random.nextInt(3));
                    // a record that only the whole-module watch watches
                    String other = Long.toString(FIRST_RECORD + 1000 + r);
                    List<String> keys = keys(other, zoho.seedAttachments(WATCHED, other, 1));
                    if (discovery == Discovery.MODULE) {
                        added.addAll(keys);
                    }
                    say("add to %s and to an unwatched %s record", OTHER, WATCHED);
                }
                case 6 -> deleteOne("delete");
                case 7 -> {
                    AtomicInteger listings = new AtomicInteger();
                    int at = 2 + random.nextInt(3);
                    zoho.beforeEachAnswer(request -> {
                        if (request.method().equals("GET") && listings.incrementAndGet() == at) {
                            deleteOne("delete during a walk, before request " + at);
                        }
                    });
                    polls(1);
                    zoho.beforeEachAnswer(null);
                }
                case 8 -> {
                    int n = 1 + random.nextInt(3);
                    zoho.fail("GET", discovery == Discovery.MODULE ? LISTING : ".+/Attachments").times(n)
                            .withZohoError(random.nextBoolean() ? 500 : 429, "INTERNAL_ERROR", "injected");
                    say("the next %d listing requests fail", n);
                }
                case 9 -> {
                    List<String> all = new ArrayList<>(added);
                    if (!startFromNow) {
                        all.addAll(history);
                    }
                    if (!all.isEmpty()) {
                        String key = all.get(random.nextInt(all.size()));
                        failing.put(key, new AtomicInteger(1 + random.nextInt(3)));
                        say("the route fails %s a few times", key);
                    }
                }
                case 10 -> {
                    say("graceful restart");
                    camel.stop();
                    start();
                }
                case 11 -> {
                    if (async) {
                        break; // a crash is simulated on the polling thread only
                    }
                    say("crash during the next exchange");
                    crashInNextExchange = true;
                    polls(1);
                    if (!crashInNextExchange) {
                        crashes++;
                        camel.stop();
                        restoreSnapshot();
                        start();
                    }
                    crashInNextExchange = false;
                }
                case 12 -> {
                    if (discovery == Discovery.MODULE) {
                        boolean refuse = random.nextBoolean();
                        zoho.refuseModuleListing(refuse ? "NO_PERMISSION" : null);
                        everRefused |= refuse;
                        say(refuse ? "module listing refused" : "module listing granted");
                    }
                }
                case 13 -> {
                    long budget = endpoint.getCredentialSetApiRequestsLast24Hours() + random.nextInt(3);
                    endpoint.getConfiguration().setMaxRequestsPerDay(Math.max(1, budget));
                    say("budget %d", budget);
                }
                default -> polls(1 + random.nextInt(3));
            }
        }

        private void deleteOne(String what) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (String module : List.of(WATCHED, OTHER)) {
                for (int i = 0; i < RECORDS; i++) {
                    for (Map<String, Object> a : zoho.attachments(module, record(i))) {
                        Map<String, Object> copy = new HashMap<>(a);
                        copy.put("record", record(i));
                        copy.put("module", module);
                        all.add(copy);
                    }
                }
            }
            if (all.isEmpty()) {
                return;
            }
            Map<String, Object> victim = all.get(random.nextInt(all.size()));
            String record = (String) victim.get("record");
            String id = String.valueOf(victim.get("id"));
            zoho.removeAttachment((String) victim.get("module"), record, id);
            deleted.add(record + "/" + id);
            say("%s: %s %s/%s", what, victim.get("module"), record, id);
        }

        private void polls(int n) {
            for (int i = 0; i < n; i++) {
                poll();
            }
            say("%d poll(s): %d processed", n, processed.size());
        }

        /** The faults end; polls until nothing new comes for a while. */
        private void settle() throws Exception {
            zoho.clearFaults();
            zoho.beforeEachAnswer(null);
            failing.clear();
            endpoint.getConfiguration().setMaxRequestsPerDay(0);
            if (discovery == Discovery.MODULE && random.nextBoolean()) {
                zoho.refuseModuleListing(null);
            }
            int quiet = 0;
            for (int i = 0; i < 200 && quiet < 4; i++) {
                awaitExchanges();
                int before = processed.size();
                poll();
                awaitExchanges();
                quiet = processed.size() == before ? quiet + 1 : 0;
            }
            say("settled: %d processed", processed.size());
        }

        private void check() throws Exception {
            Set<String> existing = new HashSet<>();
            for (int i = 0; i < RECORDS; i++) {
                existing.addAll(keys(record(i), zoho.attachments(WATCHED, record(i))));
                if (discovery == Discovery.MODULE) {
                    String other = Long.toString(FIRST_RECORD + 1000 + i);
                    existing.addAll(keys(other, zoho.attachments(WATCHED, other)));
                }
            }
            Set<String> expected = new HashSet<>(existing);
            if (startFromNow) {
                expected.removeAll(history);
            }
            Map<String, Integer> counts = new HashMap<>();
            processed.forEach(key -> counts.merge(key, 1, Integer::sum));
            List<String> missing = expected.stream().filter(key -> !counts.containsKey(key)).sorted().toList();
            int duplicates = counts.values().stream().mapToInt(n -> n - 1).sum();
            Set<String> unexpected = new HashSet<>(counts.keySet());
            unexpected.removeAll(existing);
            unexpected.removeAll(deleted);
            Set<String> historyEmitted = new HashSet<>(counts.keySet());
            historyEmitted.retainAll(history);
            String context = "\n" + story;
            assertEquals(List.of(), missing, "never processed" + context);
            assertTrue(duplicates <= crashes, duplicates + " duplicates for " + crashes + " crash(es): " + counts + context);
            assertEquals(Set.of(), unexpected, "emitted, but not of a watched record" + context);
            assertTrue(modules.isEmpty() || modules.equals(Set.of(WATCHED)), "modules " + modules + context);
            if (startFromNow) {
                assertEquals(Set.of(), historyEmitted, "startFrom=now emitted what existed before the start" + context);
            }
            // an idle poll costs one request (module listing, honoured If-Modified-Since) or a listing per watched record page
            int before = zoho.requests().size();
            poll();
            poll();
            long spent = zoho.requests().stream().skip(before).filter(r -> r.path().startsWith("/crm/")).count();
            if (discovery != Discovery.MODULE) {
                long pages = 0;
                for (int i = 0; i < RECORDS; i++) {
                    pages += Math.max(1, (zoho.attachments(WATCHED, record(i)).size() + perPage - 1) / perPage);
                }
                assertEquals(2 * pages, spent, "two idle polls of " + RECORDS + " records" + context);
            } else if (ifModifiedSinceHonoured && !everRefused) {
                // a walk lists again what was modified within modifiedSinceOverlap and the second before it, which in a
                // schedule that lasts a second or two is much: its pages, twice over where pages are read by number
                long recent = recentlyModified(Duration.ofSeconds(4));
                long pages = recent == 0 ? 1 : (recent + perPage - 2) / (perPage - 1) + 1; // keyset pages overlap by one
                long bound = recent == 0 ? 2 : 2 * (2 * pages + 1); // a run of pages in one second is read twice
                assertTrue(spent <= bound, "two idle polls of the module listing cost " + spent + " requests, more than "
                        + bound + " for " + recent + " attachments modified in the last seconds" + context);
            }
        }

        /** Attachments of any module (the module listing lists them all) created within {@code window} of now. */
        private long recentlyModified(Duration window) {
            Instant since = Instant.now().minus(window);
            long count = 0;
            for (String module : List.of(WATCHED, OTHER)) {
                for (int i = 0; i < RECORDS; i++) {
                    for (String record : List.of(record(i), Long.toString(FIRST_RECORD + 1000 + i))) {
                        count += zoho.attachments(module, record).stream()
                                .filter(a -> OffsetDateTime.parse((String) a.get("Created_Time")).toInstant().isAfter(since))
                                .count();
                    }
                }
            }
            return count;
        }

        @Override
        public void close() {
            if (camel != null) {
                camel.stop();
            }
            zoho.close();
        }
    }

    /** Thrown where the simulated process dies mid-exchange. */
    static final class CrashedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CrashedException() {
            super("simulated crash", null, false, false);
        }
    }
}
