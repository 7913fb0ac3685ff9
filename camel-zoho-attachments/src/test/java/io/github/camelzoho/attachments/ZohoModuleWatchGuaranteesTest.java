package io.github.camelzoho.attachments;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelzoho.attachments.testserver.ModuleListingSort;
import io.github.camelzoho.attachments.testserver.PageTokenMode;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole-module watch's guarantees at the boundaries where it once lost or held back attachments: a whole second across a
 * restart, more found at once than a poll hands out, the CRM changing during a multi-page walk, a page that keeps failing, the
 * daily budget, a crashed replica's lease, and a bounded repository. Each test is named after what a user sees.
 */
class ZohoModuleWatchGuaranteesTest extends ZohoTestSupport {

    private static final String ORG_LISTING = "/crm/v8/Attachments";

    /** "recordId/attachmentId" of every successful exchange, in order, duplicates included. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final RecordingPollStrategy polls = new RecordingPollStrategy();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("polls", polls);
        return context;
    }

    private static String uri(String options) {
        return "zoho-attachments:list?module=Leads&delay=20&initialDelay=0&pollStrategy=#polls&modifiedSinceOverlap=2000"
                + options;
    }

    private void startRoute(CamelContext camel, String uri, List<String> sink, Set<String> failing) throws Exception {
        camel.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(uri).routeId("watch").process(e -> {
                    String key = e.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID, String.class) + "/"
                            + e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class);
                    if (failing.contains(key)) {
                        throw new IllegalStateException("cannot archive " + key);
                    }
                    sink.add(key);
                });
            }
        });
    }

    private static List<String> keys(String record, List<Map<String, Object>> attachments) {
        return attachments.stream().map(a -> record + "/" + a.get("id")).toList();
    }

    /** One attachment a second from {@code first} on, each on its own record of the module. */
    private List<String> seedOnePerSecond(String module, long firstRecord, int count, Instant first) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String record = Long.toString(firstRecord + i);
            keys.addAll(keys(record, zoho.seedAttachments(module, record, 1, first.plusSeconds(i))));
        }
        return keys;
    }

    private void awaitPolls(int more) throws InterruptedException {
        int target = polls.successes + polls.failures.size() + more;
        await(more + " more polls", () -> polls.successes + polls.failures.size() >= target);
    }

    private static void assertEachOnce(Set<String> expected, List<String> seen) {
        assertEquals(expected.size(), seen.size(), "each once");
        assertEquals(expected, new HashSet<>(seen));
    }

    private List<RecordedRequest> listings() {
        return zoho.requests("GET", ORG_LISTING);
    }

    @Test
    void anAttachmentCreatedOnAWholeMinuteThatFailedBeforeAStopIsDeliveredAfterTheRestart(@TempDir Path dir)
            throws Exception {
        Instant wholeMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        String record = "4876876000000001001";
        List<String> onTheMinute = keys(record, zoho.seedAttachments("Leads", record, 1, wholeMinute));
        Set<String> others = new HashSet<>(seedOnePerSecond("Leads", 4876876000000001100L, 3, wholeMinute.plusSeconds(30)));
        IdempotentRepository repository = FileIdempotentRepository
                .fileIdempotentRepository(dir.resolve("delivered.txt").toFile(), 100_000);
        context.getRegistry().bind("delivered", repository);
        startRoute(context, uri("&idempotentRepository=#delivered"), delivered, new HashSet<>(onTheMinute));
        await("the others", () -> delivered.containsAll(others));
        awaitPolls(3); // the one on the minute failed meanwhile, more than once
        context.stop();
        assertEachOnce(others, delivered);

        List<String> afterRestart = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext restarted = new DefaultCamelContext()) {
            pointAt(restarted, zoho);
            restarted.getRegistry().bind("delivered",
                    FileIdempotentRepository.fileIdempotentRepository(dir.resolve("delivered.txt").toFile(), 100_000));
            restarted.getRegistry().bind("polls", polls);
            startRoute(restarted, uri("&idempotentRepository=#delivered"), afterRestart, Set.of());
            restarted.start();
            await("the attachment created on the whole minute", () -> afterRestart.containsAll(onTheMinute));
            awaitPolls(3);
        }
        assertEachOnce(new HashSet<>(onTheMinute), afterRestart);
    }

    @Test
    void twentyThousandAndTenAttachmentsOfOneSecondAreEachDeliveredOnce() throws Exception {
        Instant second = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 67; i++) {
            String record = Long.toString(4876876000000002000L + i);
            expected.addAll(keys(record, zoho.seedAttachments("Leads", record, i < 66 ? 300 : 210, second)));
        }
        assertEquals(20_010, expected.size());
        startRoute(context, uri("&maxMessagesPerPoll=2000"), delivered, Set.of());
        await("20,010 attachments", () -> delivered.size() >= 20_010);
        awaitPolls(3);
        assertEachOnce(expected, delivered);
    }

    @ParameterizedTest
    @EnumSource(ModuleListingSort.class)
    void aDeletionOfAnotherModulesAttachmentDuringAWalkLosesNothing(ModuleListingSort sort) throws Exception {
        zoho.setModuleListingSort(sort);
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS);
        Set<String> leads = new HashSet<>(seedOnePerSecond("Leads", 4876876000000003000L, 300, start));
        List<String> deals = seedOnePerSecond("Deals", 4876876000000003500L, 20, start.plusSeconds(600));
        String[] deleted = deals.get(0).split("/");
        AtomicBoolean deletedOnce = new AtomicBoolean();
        zoho.beforeEachAnswer(request -> {
            // a user deletes a Deals attachment while the walk is between its first and second page
            if (request.path().equals(ORG_LISTING) && listings().size() == 2 && deletedOnce.compareAndSet(false, true)) {
                zoho.removeAttachment("Deals", deleted[0], deleted[1]);
            }
        });
        startRoute(context, uri(""), delivered, Set.of());
        await("300 Leads attachments", () -> delivered.size() >= 300);
        awaitPolls(3);
        assertTrue(deletedOnce.get(), "the deletion happened during the walk");
        assertEachOnce(leads, delivered);
    }

    @Test
    void aListingThatCannotPagePast2000StillDeliversEveryAttachment() throws Exception {
        zoho.setPageTokenMode(PageTokenMode.NEVER);
        Set<String> expected = new HashSet<>(
                seedOnePerSecond("Leads", 4876876000000004000L, 2_100, Instant.now().minus(3, ChronoUnit.HOURS)));
        startRoute(context, uri("&maxMessagesPerPoll=1000"), delivered, Set.of());
        await("2,100 attachments", () -> delivered.size() >= 2_100);
        awaitPolls(3);
        assertEachOnce(expected, delivered);
        assertEquals(List.of(), polls.failures);
        // the walk, not the idle polls after it: 11 pages by time (they overlap by one attachment) and the check of the order
        String idle = Instant.now().minus(10, ChronoUnit.MINUTES).toString();
        long walk = listings().stream()
                .filter(r -> r.header("If-Modified-Since") == null || r.header("If-Modified-Since").compareTo(idle) < 0)
                .count();
        assertEquals(12, walk, listings().size() + " listing requests in all");
    }

    @Test
    void aWalkCutByAFailingPageResumesAtThatPage() throws Exception {
        Set<String> expected = new HashSet<>(
                seedOnePerSecond("Leads", 4876876000000005000L, 1_000, Instant.now().minus(1, ChronoUnit.HOURS)));
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setMaxRetries(0);
        zoho.beforeEachAnswer(request -> {
            if (request.path().equals(ORG_LISTING) && listings().size() == 2) {
                zoho.fail("GET", ORG_LISTING).times(1).withInternalError(); // the next page, the third, fails once
            }
        });
        startRoute(context, uri("&maxMessagesPerPoll=5000"), delivered, Set.of());
        await("1,000 attachments", () -> delivered.size() >= 1_000);
        awaitPolls(2);

        assertEachOnce(expected, delivered);
        assertEquals(1, polls.failures.size(), polls.failures.toString());
        // every page request of the walk (not the idle polls after it) went out once, but the failed one, which went out twice
        Map<String, Integer> sent = new HashMap<>();
        String idle = Instant.now().minus(10, ChronoUnit.MINUTES).toString();
        listings().stream()
                .filter(r -> r.header("If-Modified-Since") == null || r.header("If-Modified-Since").compareTo(idle) < 0)
                .forEach(r -> sent.merge(r.rawQuery() + " since " + r.header("If-Modified-Since"), 1, Integer::sum));
        assertEquals(1, sent.values().stream().filter(n -> n == 2).count(), sent.toString());
        assertTrue(sent.values().stream().allMatch(n -> n <= 2), sent.toString());
    }

    @Test
    void theDailyBudgetNeverHoldsBackWhatWasAlreadyListed() throws Exception {
        // validateModule=false: the start-up check is an API credit too and would spend this budget of one alone
        Set<String> expected = new HashSet<>(
                seedOnePerSecond("Leads", 4876876000000006000L, 10, Instant.now().minus(1, ChronoUnit.HOURS)));
        startRoute(context, uri("&maxMessagesPerPoll=2&maxRequestsPerDay=1&validateModule=false"), delivered, Set.of());
        await("10 attachments from one listing", () -> delivered.size() >= 10);
        awaitPolls(3);
        assertEachOnce(expected, delivered);
        assertEquals(1, apiRequests().size(), "the budget of one request was never exceeded");
    }

    @Test
    void aWalkStopsAtTheBudgetInsteadOfOvershootingIt() throws Exception {
        seedOnePerSecond("Leads", 4876876000000006100L, 1_000, Instant.now().minus(1, ChronoUnit.HOURS));
        startRoute(context, uri("&maxMessagesPerPoll=5000&maxRequestsPerDay=3&validateModule=false"), delivered, Set.of());
        // validateModule=false: the start-up check of the module would be one of the three (counted against the budget)
        // three requests: a page, the check that Zoho sorts (the same page newest first), a page
        await("2 pages' worth", () -> delivered.size() >= 399);
        awaitPolls(3);
        assertEquals(3, apiRequests().size(), "a walk of more pages stops at the budget");
        assertTrue(delivered.size() < 1_000, "the rest waits for the budget: " + delivered.size());
    }

    @Test
    void anAttachmentClaimedByACrashedReplicaIsDeliveredOnceItsLeaseExpires() throws Exception {
        List<String> seeded = seedOnePerSecond("Leads", 4876876000000007000L, 3, Instant.now().minus(1, ChronoUnit.HOURS));
        IdempotentRepository shared = MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>());
        // the replica that crashed held this lease (the key, then the lease period it was taken in)
        long lease = 1000;
        shared.add("Leads/" + seeded.get(1) + "@lease=" + System.currentTimeMillis() / lease);
        context.getRegistry().bind("inProgress", shared);
        startRoute(context, uri("&inProgressRepository=#inProgress&inProgressLease=" + lease), delivered, Set.of());
        await("the two nobody held", () -> delivered.size() >= 2);
        await("the one the crashed replica held, after its lease", () -> delivered.size() >= 3);
        awaitPolls(3);
        assertEachOnce(new HashSet<>(seeded), delivered);
    }

    @Test
    void aBoundedRepositoryThatEvictsOldKeysRedeliversNothingAfterARouteRestart() throws Exception {
        Set<String> expected = new HashSet<>(
                seedOnePerSecond("Leads", 4876876000000008000L, 1_200, Instant.now().minus(2, ChronoUnit.HOURS)));
        context.getRegistry().bind("bounded", MemoryIdempotentRepository.memoryIdempotentRepository(1_000));
        startRoute(context, uri("&idempotentRepository=#bounded&maxMessagesPerPoll=2000"), delivered, Set.of());
        await("1,200 attachments", () -> delivered.size() >= 1_200);
        awaitPolls(2);
        context.getRouteController().stopRoute("watch");
        int before = listings().size();
        context.getRouteController().startRoute("watch");
        awaitPolls(4);

        assertEachOnce(expected, delivered);
        RecordedRequest afterRestart = listings().get(before);
        assertNotNull(afterRestart.header("If-Modified-Since"), "the watch resumed from its position: " + afterRestart);
    }

    @Test
    void theWatchNeverRemovesKeysFromTheIdempotentRepositorySoAFileRepositoryIsNeverRewritten(@TempDir Path dir)
            throws Exception {
        AtomicInteger removed = new AtomicInteger();
        FileIdempotentRepository counting = new FileIdempotentRepository() {

            @Override
            public boolean remove(String key) {
                removed.incrementAndGet(); // a removal rewrites the whole file
                return super.remove(key);
            }
        };
        counting.setFileStore(dir.resolve("delivered.txt").toFile());
        counting.setCacheSize(100_000);
        context.getRegistry().bind("counting", counting);
        // the position moves across minutes and hours: from a failed attachment's time (pending) to Zoho's clock
        String record = "4876876000000009001";
        Set<String> added = new HashSet<>(keys(record, zoho.seedAttachments("Leads", record, 1, Instant.now().minus(3,
                ChronoUnit.HOURS))));
        List<String> failingOnce = keys(record, zoho.seedAttachments("Leads", record, 1, Instant.now().minus(2,
                ChronoUnit.HOURS)));
        added.addAll(failingOnce);
        AtomicBoolean failed = new AtomicBoolean();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(uri("&idempotentRepository=#counting")).routeId("watch").process(e -> {
                    String key = e.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID, String.class) + "/"
                            + e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class);
                    if (failingOnce.contains(key) && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("fails once");
                    }
                    delivered.add(key);
                });
            }
        });
        await("both, the failing one once it succeeds", () -> delivered.containsAll(added));
        added.addAll(seedOnePerSecond("Leads", 4876876000000009100L, 3, Instant.now()));
        await("the 3 added after the first walk", () -> delivered.containsAll(added));
        for (int restart = 0; restart < 3; restart++) {
            context.getRouteController().stopRoute("watch");
            context.getRouteController().startRoute("watch");
            awaitPolls(2);
        }
        assertEachOnce(added, delivered);
        assertEquals(0, removed.get(), "keys removed from the idempotent repository");
    }

    @Test
    void aRecordWhoseListingFailsOnTheFallbackPathHoldsBackNoOtherRecord() throws Exception {
        zoho.refuseModuleListing("NO_PERMISSION");
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        Set<String> others = new HashSet<>(seedOnePerSecond("Leads", 4876876000000009200L, 4, hourAgo));
        String failingRecord = "4876876000000009299";
        Set<String> ofTheFailing = new HashSet<>(keys(failingRecord, zoho.seedAttachments("Leads", failingRecord, 2, hourAgo)));
        zoho.fail("GET", ".+/" + failingRecord + "/Attachments").times(100_000).withInternalError();
        startRoute(context, uri(""), delivered, Set.of());
        await("the other records' attachments", () -> delivered.containsAll(others));
        assertTrue(delivered.stream().noneMatch(ofTheFailing::contains), delivered.toString());
        await("a failed poll naming the record's listing", () -> !polls.failures.isEmpty());
        assertTrue(polls.failures.get(0).getMessage().contains("INTERNAL_ERROR"), polls.failures.get(0).getMessage());
        zoho.clearFaults(); // the record's listing works again
        await("the failing record's, once its listing succeeds", () -> delivered.containsAll(ofTheFailing));
        awaitPolls(3);
        Set<String> all = new HashSet<>(others);
        all.addAll(ofTheFailing);
        assertEachOnce(all, delivered);
    }

    @Test
    void aStopDuringALongWalkEndsItAtThePageInFlightAndTheNextStartDeliversEachOnce() throws Exception {
        Set<String> expected = new HashSet<>(
                seedOnePerSecond("Leads", 4876876000000010000L, 2_000, Instant.now().minus(3, ChronoUnit.HOURS)));
        context.getRegistry().bind("delivered",
                MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>()));
        context.getRegistry().bind("position", new MemoryStateRepository());
        zoho.setLatency(Duration.ofMillis(100));
        int[] sentAtStop = {-1};
        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("watch");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        zoho.beforeEachAnswer(request -> {
            // the walk is at its third page of eleven when the route is asked to stop
            if (request.path().equals(ORG_LISTING) && listings().size() == 3 && sentAtStop[0] < 0) {
                sentAtStop[0] = listings().size();
                stopper.start();
            }
        });
        startRoute(context, uri("&idempotentRepository=#delivered&stateRepository=#position&maxMessagesPerPoll=5000"),
                delivered, Set.of());
        await("the stop", () -> sentAtStop[0] > 0);
        stopper.join(20_000);
        assertTrue(!stopper.isAlive(), "the route stopped");
        int sentByTheStop = listings().size();
        assertTrue(sentByTheStop <= sentAtStop[0] + 1,
                "a walk that the stop found at its request " + sentAtStop[0] + " sent " + sentByTheStop + " in all");

        zoho.beforeEachAnswer(null);
        zoho.setLatency(Duration.ZERO);
        context.getRouteController().startRoute("watch");
        await("2,000 attachments", () -> delivered.size() >= 2_000);
        awaitPolls(3);
        assertEachOnce(expected, delivered);
    }

    @Test
    void aRecordDeletedDuringTheFallbacksWalkOfTheRecordsLosesNoOtherRecordsNewAttachment() throws Exception {
        zoho.refuseModuleListing("NO_PERMISSION");
        MemoryStateRepository state = new MemoryStateRepository();
        context.getRegistry().bind("position", state);
        Set<String> expected = new HashSet<>(
                seedOnePerSecond("Leads", 4876876000000011000L, 300, Instant.now().minus(2, ChronoUnit.HOURS)));
        startRoute(context, uri("&stateRepository=#position"), delivered, Set.of());
        await("300 attachments", () -> delivered.size() >= 300);
        awaitPolls(3);
        context.getRouteController().stopRoute("watch");

        // The 201st record (the first of the second page of records) gets an attachment just after the watch's position,
        // and the next walk comes more than modifiedSinceOverlap later. While that walk is between its two pages of records,
        // a user deletes a record of the first page, so the 201st moves up onto the page already read.
        Instant position = Instant.parse(state.getState("zoho-attachments/Leads").replaceAll("position=([^;]*).*", "$1"));
        String moved = "4876876000000011200";
        String deletedRecord = "4876876000000011005";
        expected.removeIf(key -> key.startsWith(deletedRecord + "/"));
        List<String> added = keys(moved, zoho.seedAttachments("Leads", moved, 1, position.plusSeconds(1)));
        expected.addAll(added);
        AtomicBoolean deletedOnce = new AtomicBoolean();
        zoho.beforeEachAnswer(request -> {
            boolean secondPage = "2".equals(request.queryParam("page")) || request.queryParam("page_token") != null;
            if (request.path().equals("/crm/v8/Leads") && secondPage && deletedOnce.compareAndSet(false, true)) {
                zoho.removeRecord("Leads", deletedRecord);
            }
        });
        await("the overlap to pass", () -> Instant.now().isAfter(position.plusSeconds(5)));
        context.getRouteController().startRoute("watch");
        await("the deletion during a walk of the records", deletedOnce::get);
        await("the new attachment of the record that moved", () -> delivered.containsAll(added));
        awaitPolls(3);
        assertEachOnce(expected, delivered.stream().filter(key -> !key.startsWith(deletedRecord + "/")).toList());
    }
}
