package io.github.camelzoho.attachments.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.github.camelzoho.attachments.JdbcStateRepository;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of one consumer route, each in its own JVM, as users run them: {@code master:} with a
 * {@code FileLockClusterService} picks one active poller, and camel-sql's {@code JdbcMessageIdRepository} on a real PostgreSQL
 * shares what was delivered. One embedded Zoho server holds 400 attachments over 40 records (several pages each).
 * <p>
 * Each replica's route writes every attachment id it receives to its own file as its first step (its side effect, say an
 * archive upload) and then works on for {@value #WORK_MILLIS} ms, so an exchange is in flight for a while after its side
 * effect. Counting those files gives what was delivered, lost and duplicated across the replicas.
 */
class ZohoReplicasTest {

    private static final String CLIENT_ID = "1000.REPLICACLIENT";
    private static final String CLIENT_SECRET = "replica-client-secret";
    private static final String REFRESH_TOKEN = "1000.replica-refresh-token";
    private static final int RECORDS = 40;
    private static final int PER_RECORD = 10;
    private static final int WORK_MILLIS = 8;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String STATE_TABLE = JdbcStateRepository.DEFAULT_TABLE_NAME;
    private static final String STATE_KEY = "zoho-attachments/Leads";

    private Postgres postgres;

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final List<String> records = new ArrayList<>();
    private final List<String> seeded = new ArrayList<>();
    private final List<Replica> replicas = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path dir;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        postgres = Postgres.requireServer(); // no server: fails under build/test.sh, else skipped, with the reason
        // Created before any replica starts: replicas starting together would otherwise race to create it.
        postgres.execute("CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255) NOT NULL,"
                + " messageId VARCHAR(255) NOT NULL, createdAt TIMESTAMP NOT NULL,"
                + " PRIMARY KEY (processorName, messageId))");
        String scenario = test.getTestMethod().orElseThrow().getName();
        dir = Files.createDirectories(Path.of("target", "replicas", scenario)).toAbsolutePath();
        zoho.registerClient(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
        for (int i = 0; i < RECORDS; i++) {
            String record = "48768760002" + String.format("%08d", i);
            records.add(record);
            zoho.seedAttachments("Leads", record, PER_RECORD).forEach(a -> seeded.add((String) a.get("id")));
        }
        String repositoryName = "zoho-replicas-" + scenario;
        postgres.execute("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = '" + repositoryName + "'");
        settings.put("zohoUrl", zoho.baseUrl());
        settings.put("clientId", CLIENT_ID);
        settings.put("clientSecret", CLIENT_SECRET);
        settings.put("refreshToken", REFRESH_TOKEN);
        settings.put("jdbcUrl", postgres.url);
        settings.put("jdbcUser", postgres.user);
        settings.put("jdbcPassword", postgres.password);
        settings.put("repositoryName", repositoryName);
        settings.put("lockRoot", dir.resolve("cluster").toString());
        settings.put("records", String.join(",", records));
        // several pages per record, several polls per round, and the next poll at once while there is more
        settings.put("consumerOptions", "perPage=4&maxMessagesPerPoll=50&delay=300&initialDelay=0&greedy=true");
        settings.put("workMillis", String.valueOf(WORK_MILLIS));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Replica replica : replicas) {
            replica.killIfRunning();
        }
        zoho.close();
    }

    private Replica start(String name) throws Exception {
        Replica replica = Replica.start(name, dir, settings);
        replicas.add(replica);
        return replica;
    }

    @Test
    void bothRunningDeliverEveryAttachmentExactlyOnceAcrossTheTwo() throws Exception {
        Replica a = start("a");
        Replica b = start("b");
        await("all " + seeded.size() + " attachments", () -> distinctDelivered().size() >= seeded.size());

        // more arrive while both run
        for (int i = 0; i < 20; i++) {
            seeded.add((String) zoho.addAttachment("Leads", records.get(i), "later-" + i + ".pdf", new byte[i]).get("id"));
        }
        await("the 20 later attachments", () -> distinctDelivered().size() >= seeded.size());
        awaitFullRounds(2);
        a.stop();
        b.stop();

        Counts counts = counts("both running");
        assertEquals(Set.copyOf(seeded), counts.distinct, "every attachment delivered");
        assertEquals(Map.of(), counts.duplicated, "exactly once across the two replicas");
        assertTrue(a.deliveries().isEmpty() || b.deliveries().isEmpty(),
                "only the leader polls: a delivered " + a.deliveries().size() + ", b " + b.deliveries().size());
    }

    @Test
    void aLeaderStoppedGracefullyLosesNothingAndOnlyTheExchangeInFlightMayBeDeliveredTwice() throws Exception {
        Replica a = start("a");
        await("a to lead", () -> !a.deliveries().isEmpty());
        Replica b = start("b");
        await("b to start", () -> b.hasEvent("started"));
        await("a to be mid-way", () -> a.deliveries().size() >= 150);

        a.stop(); // SIGTERM, as a rolling update does; returns once a's JVM has ended
        List<String> deliveredByA = a.deliveries();
        // The consumer emits nothing into a stopping route: a's last delivery is the exchange that was in flight at the stop.
        String inFlight = deliveredByA.get(deliveredByA.size() - 1);
        await("b to deliver the rest", () -> distinctDelivered().size() >= seeded.size());
        awaitFullRounds(2);
        b.stop();

        Counts counts = counts("leader stopped gracefully (SIGTERM)");
        assertEquals(Set.copyOf(seeded), counts.distinct, "every attachment delivered");
        // camel-master stops the route's processor before the consumer under it: an exchange in flight at that moment is
        // rejected by Camel when it completes (a RejectedExecutionException after its first steps) and comes again on the
        // next leader. That one exchange is all that may come twice, as after a SIGKILL.
        assertTrue(counts.duplicated.keySet().stream().allMatch(inFlight::equals),
                "only the exchange in flight at the stop (" + inFlight + ") may come twice: " + counts.duplicated);
        assertTrue(counts.duplicated.values().stream().allMatch(n -> n == 2), "at most twice: " + counts.duplicated);
        assertTrue(!b.deliveries().isEmpty(), "b took over");
    }

    @Test
    void aLeaderKilledMidBatchLosesNothingAndOnlyTheExchangeInFlightIsDeliveredTwice() throws Exception {
        Replica a = start("a");
        await("a to lead", () -> !a.deliveries().isEmpty());
        Replica b = start("b");
        await("b to start", () -> b.hasEvent("started"));
        await("a to be mid-batch", () -> a.deliveries().size() >= 125);

        a.kill(); // SIGKILL
        long killedAt = System.nanoTime();
        List<String> deliveredByA = a.deliveries();
        String inFlight = deliveredByA.get(deliveredByA.size() - 1);
        await("b to take over", () -> !b.deliveries().isEmpty());
        long takeOverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        await("b to deliver the rest", () -> distinctDelivered().size() >= seeded.size());
        awaitFullRounds(2);
        b.stop();

        Counts counts = counts(
                "leader killed mid-batch (SIGKILL), b's first delivery " + takeOverMillis + " ms after the kill");
        assertEquals(Set.copyOf(seeded), counts.distinct, "at least once: nothing lost");
        // The consumer runs one exchange at a time, so at most one was in flight: delivered by a, not yet recorded.
        assertTrue(counts.duplicated.keySet().stream().allMatch(inFlight::equals),
                "only the exchange in flight at the kill (" + inFlight + ") may come twice: " + counts.duplicated);
        assertTrue(counts.duplicated.values().stream().allMatch(n -> n == 2), "at most twice: " + counts.duplicated);
    }

    @Test
    void aConsumerKilledMidExchangeWithAPersistentInProgressRepositoryDeliversThatAttachmentAfterTheRestart()
            throws Exception {
        String inProgressName = settings.get("repositoryName") + "-in-progress";
        postgres.execute("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = '" + inProgressName + "'");
        settings.put("inProgressRepositoryName", inProgressName);
        settings.put("consumerOptions", settings.get("consumerOptions") + "&inProgressLease=1000");
        settings.put("workMillis", "600000"); // the first exchange hangs after its side effect: killed mid-exchange
        Replica a = start("a");
        await("a's first exchange to be in flight", () -> !a.deliveries().isEmpty());
        a.kill(); // SIGKILL
        String inFlight = a.deliveries().get(0);
        assertEquals(1, inProgressRows(inProgressName, inFlight), "the killed process left its in-progress entry behind");

        settings.put("workMillis", String.valueOf(WORK_MILLIS));
        Replica restarted = start("a-restarted");
        await("the restart to deliver every attachment", () -> distinctDelivered().size() >= seeded.size());
        awaitFullRounds(2);
        restarted.stop();

        Counts counts = counts("killed mid-exchange (SIGKILL) with a JDBC inProgressRepository, then restarted");
        // Its exchange died half-way: only a delivery after the restart completes its work.
        assertTrue(restarted.deliveries().contains(inFlight), "the attachment in flight at the kill comes again");
        assertEquals(Set.copyOf(seeded), counts.distinct, "nothing lost");
        assertEquals(Map.of(inFlight, 2), counts.duplicated, "only the exchange in flight at the kill comes twice");
        assertEquals(1, inProgressRows(inProgressName, ""),
                "after a graceful stop, only the killed process's expired entry is left in progress");
    }

    @Test
    void aModuleWatchLeaderKilledMidWalkHandsItsPositionInPostgresToTheNext() throws Exception {
        // the whole Leads module, its position in a JdbcStateRepository on the same PostgreSQL, created before the replicas
        postgres.execute("CREATE TABLE IF NOT EXISTS " + STATE_TABLE
                + " (STATE_KEY VARCHAR(255) PRIMARY KEY, STATE_VALUE VARCHAR(4000))",
                "DELETE FROM " + STATE_TABLE + " WHERE STATE_KEY = '" + STATE_KEY + "'");
        settings.remove("records");
        settings.put("stateTable", STATE_TABLE);
        settings.put("consumerOptions",
                "perPage=20&maxMessagesPerPoll=50&delay=300&initialDelay=0&greedy=true&modifiedSinceOverlap=1000");
        Instant firstBatchNewest = seededUntil();

        Replica a = start("a");
        await("a to deliver the first " + seeded.size(), () -> distinctDelivered().size() >= seeded.size());
        await("a to save its position", () -> watchState() != null);
        awaitModuleListings("a", 2); // idle polls: the position moves up to Zoho's clock less the overlap
        int firstWalkRequests = moduleListings("a").size();
        Replica b = start("b");
        await("b to start", () -> b.hasEvent("started"));

        // 300 more over 30 records: a is killed while it delivers them
        int before = seeded.size();
        for (int i = 0; i < 30; i++) {
            zoho.seedAttachments("Leads", records.get(i), 10).forEach(x -> seeded.add((String) x.get("id")));
        }
        await("a to be mid-walk", () -> a.deliveries().size() >= before + 100);
        a.kill(); // SIGKILL
        String positionAtKill = watchState();
        List<String> deliveredByA = a.deliveries();
        String inFlight = deliveredByA.get(deliveredByA.size() - 1);
        await("b to deliver the rest", () -> distinctDelivered().size() >= seeded.size());
        awaitModuleListings("b", 2);
        b.stop();

        Counts counts = counts("module watch, stateRepository in PostgreSQL, leader killed mid-walk (SIGKILL)");
        List<RecordedRequest> byB = moduleListings("b");
        String resumedFrom = byB.get(0).header("If-Modified-Since");
        System.out.printf("  a: %d listing requests for the first %d attachments and 2 idle polls; saved at the kill: %s%n",
                firstWalkRequests, before, positionAtKill);
        System.out.printf("  b: first listing If-Modified-Since %s (first batch's newest Created_Time %s); %d listing requests"
                + " for the rest and 2 idle polls%n", resumedFrom, firstBatchNewest, byB.size());
        assertEquals(Set.copyOf(seeded), counts.distinct, "nothing lost");
        assertTrue(counts.duplicated.keySet().stream().allMatch(inFlight::equals),
                "only the exchange in flight at the kill (" + inFlight + ") may come twice: " + counts.duplicated);
        assertTrue(counts.duplicated.values().stream().allMatch(n -> n == 2), "at most twice: " + counts.duplicated);
        assertTrue(!b.deliveries().isEmpty(), "b took over");
        // b resumed where a was, from PostgreSQL: its very first listing is conditional, and lists nothing a walked through
        assertTrue(resumedFrom != null, "b's first listing carries If-Modified-Since: " + byB.get(0));
        assertTrue(parseHttpDate(resumedFrom).isAfter(firstBatchNewest),
                "b resumes after the first batch, which a had delivered: " + resumedFrom + " vs " + firstBatchNewest);
        assertTrue(positionAtKill.startsWith("position="), "the saved value: " + positionAtKill);
    }

    /** The newest Created_Time of what was seeded so far. */
    private Instant seededUntil() {
        return records.stream().flatMap(r -> zoho.attachments("Leads", r).stream())
                .map(x -> OffsetDateTime.parse(String.valueOf(x.get("Created_Time"))).toInstant())
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The watch position the replicas share, as stored in PostgreSQL, or null. */
    private String watchState() {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT STATE_VALUE FROM " + STATE_TABLE + " WHERE STATE_KEY = ?")) {
            s.setString(1, STATE_KEY);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The module listing requests one replica sent, in order (each replica tags its requests with X-Replica). */
    private List<RecordedRequest> moduleListings(String replica) {
        return zoho.requests("GET", "/crm/v8/Attachments").stream()
                .filter(r -> replica.equals(r.header("X-Replica"))).toList();
    }

    /** Waits until this replica has sent this many more module listing requests: polls that would show a late duplicate. */
    private void awaitModuleListings(String replica, int more) throws InterruptedException {
        int before = moduleListings(replica).size();
        await(more + " more module listings by " + replica, () -> moduleListings(replica).size() >= before + more);
    }

    private static Instant parseHttpDate(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
    }

    /** Rows of the in-progress repository whose key starts with this attachment's key ("" for all). */
    private int inProgressRows(String processorName, String attachmentId) throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ?"
                        + " AND messageId LIKE ?")) {
            s.setString(1, processorName);
            s.setString(2, attachmentId.isEmpty() ? "%" : "Leads/%/" + attachmentId + "%");
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void postgresRestartedMidRunIsReportedAndNothingIsLost() throws Exception {
        Replica a = start("a");
        await("a to lead", () -> !a.deliveries().isEmpty());
        Replica b = start("b");
        await("b to start", () -> b.hasEvent("started"));
        await("a to be mid-run", () -> a.deliveries().size() >= 100);

        postgres.stop();
        try {
            await("a to report failed polls", () -> count(a.events(), "poll-failed") >= 3);
        } finally {
            postgres.start();
        }
        await("a to poll again", () -> lastIndexOf(a.events(), "poll-ok") > lastIndexOf(a.events(), "poll-failed"));
        await("every attachment", () -> distinctDelivered().size() >= seeded.size());
        awaitFullRounds(2);
        // What a recorded in PostgreSQL is what a successor relies on: fail over and let b poll.
        a.kill();
        await("b to lead and poll", () -> b.hasEvent("poll-ok"));
        awaitFullRounds(2);
        b.stop();

        List<String> failures = a.events().stream().filter(e -> e.contains("poll-failed")).toList();
        Counts counts = counts("PostgreSQL restarted mid-run (" + failures.size() + " failed polls reported), then a failover");
        System.out.println("  first failure a reported: " + failures.get(0));
        assertEquals(Set.copyOf(seeded), counts.distinct, "nothing lost");
        assertEquals(Map.of(), counts.duplicated,
                "every delivery was recorded once the database was back, so the successor re-delivers nothing");
        // Camel's default poll strategy, kept by the replicas' own, logs each failed poll
        assertTrue(a.output().contains("Failed polling endpoint"), "a WARN per failed poll:\n" + a.output());
    }

    // ---- counting

    /** What the replicas delivered, against what Zoho holds. */
    private record Counts(List<String> all, Set<String> distinct, Map<String, Integer> duplicated) {
    }

    private Counts counts(String scenario) {
        List<String> all = replicas.stream().flatMap(r -> r.deliveries().stream()).toList();
        Map<String, Integer> times = new HashMap<>();
        all.forEach(id -> times.merge(id, 1, Integer::sum));
        Map<String, Integer> duplicated = new TreeMap<>(times);
        duplicated.values().removeIf(n -> n == 1);
        Set<String> lost = new HashSet<>(seeded);
        lost.removeAll(times.keySet());
        System.out.printf("REPLICAS | %s | attachments %d | deliveries %d (%s) | lost %d | duplicated %d %s%n", scenario,
                seeded.size(), all.size(),
                replicas.stream().map(r -> r.name + " " + r.deliveries().size()).collect(Collectors.joining(", ")),
                lost.size(), duplicated.size(), duplicated.isEmpty() ? "" : duplicated);
        return new Counts(all, times.keySet(), duplicated);
    }

    private Set<String> distinctDelivered() {
        return replicas.stream().flatMap(r -> r.deliveries().stream()).collect(Collectors.toSet());
    }

    private static long count(Collection<String> events, String text) {
        return events.stream().filter(e -> e.contains(text)).count();
    }

    private static int lastIndexOf(List<String> events, String text) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** Waits until every record has been listed at least this many more times: polls that would show a late duplicate. */
    private void awaitFullRounds(int rounds) throws InterruptedException {
        Map<String, Long> before = listingsPerRecord();
        await(rounds + " more polls of every record", () -> {
            Map<String, Long> now = listingsPerRecord();
            return records.stream().allMatch(r -> now.getOrDefault(r, 0L) >= before.getOrDefault(r, 0L) + rounds);
        });
    }

    /** First-page listings per record: one per poll that reached the record. */
    private Map<String, Long> listingsPerRecord() {
        return zoho.requests("GET", ".+/Attachments").stream()
                .filter(r -> "1".equals(r.queryParam("page")))
                .collect(Collectors.groupingBy(r -> r.path().split("/")[4], Collectors.counting()));
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (replicas.stream().anyMatch(Replica::crashed)) {
                throw new AssertionError("a replica crashed while waiting for " + what + "\n" + diagnostics());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\n" + diagnostics());
            }
            Thread.sleep(50);
        }
    }

    private String diagnostics() {
        return replicas.stream().map(r -> "---- " + r.name + (r.isAlive() ? " (running)" : " (ended)") + ": "
                + r.deliveries().size() + " deliveries; events:\n" + String.join("\n", r.events()) + "\n---- output:\n"
                + r.output()).collect(Collectors.joining("\n"));
    }
}
