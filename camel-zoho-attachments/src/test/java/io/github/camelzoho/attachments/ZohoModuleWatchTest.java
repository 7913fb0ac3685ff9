package io.github.camelzoho.attachments;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelzoho.attachments.testserver.ModuleListingOrder;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** from("zoho-attachments:list?module=Leads") without recordId: every record of the module, at a cost that does not grow. */
class ZohoModuleWatchTest extends ZohoTestSupport {

    private static final String ORG_LISTING = "/crm/v8/Attachments";
    private static final String LEADS_RECORDS = "/crm/v8/Leads";

    /** "recordId/attachmentId" of every exchange, in order, duplicates included. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<String> modules = new CopyOnWriteArrayList<>();
    private final RecordingPollStrategy polls = new RecordingPollStrategy();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger discoveryLog;

    @BeforeEach
    void captureLogs() {
        discoveryLog = (Logger) LoggerFactory.getLogger(ModuleDiscovery.class);
        discoveryLog.setLevel(Level.DEBUG);
        logs.start();
        discoveryLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        discoveryLog.detachAppender(logs);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("polls", polls);
        return context;
    }

    private static String uri(String options) {
        return "zoho-attachments:list?module=Leads&delay=50&initialDelay=0&pollStrategy=#polls&modifiedSinceOverlap=2000"
                + options;
    }

    private void startRoute(CamelContext camel, String uri, List<String> sink) throws Exception {
        camel.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(uri).routeId("watch")
                        .process(e -> {
                            sink.add(e.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID, String.class) + "/"
                                    + e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class));
                            modules.add(e.getMessage().getHeader(ZohoAttachmentsConstants.MODULE, String.class));
                        });
            }
        });
    }

    private static List<String> keys(String record, List<Map<String, Object>> attachments) {
        return attachments.stream().map(a -> record + "/" + a.get("id")).toList();
    }

    private List<RecordedRequest> requestsTo(String path) {
        return zoho.requests("GET", path);
    }

    private void awaitPolls(int more) throws InterruptedException {
        int target = polls.successes + polls.failures.size() + more;
        await(more + " more polls", () -> polls.successes + polls.failures.size() >= target);
    }

    private void assertDeliveredOnce(Set<String> expected) {
        assertEquals(expected.size(), delivered.size(), "each once: " + delivered);
        assertEquals(expected, new HashSet<>(delivered));
    }

    private List<String> logged(Level level, String containing) {
        return logs.list.stream().filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(containing))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theWholeModuleIsDeliveredOnceAndOtherModulesNever() throws Exception {
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            String record = "48768760000000001" + i;
            expected.addAll(keys(record, zoho.seedAttachments("Leads", record, i)));
        }
        zoho.seedAttachments("Deals", "4876876000000000999", 2);
        zoho.seedAttachments("Contacts", "4876876000000000998", 2);

        startRoute(context, uri(""), delivered);
        await("15 Leads attachments", () -> delivered.size() >= 15);
        awaitPolls(5);

        assertDeliveredOnce(expected);
        assertEquals(Set.of("Leads"), new HashSet<>(modules));
        // one listing for the whole module, however many records: the first poll without If-Modified-Since, then with it
        List<RecordedRequest> listings = requestsTo(ORG_LISTING);
        assertEquals(null, listings.get(0).header("If-Modified-Since"));
        listings.stream().skip(1).forEach(r -> assertNotNull(r.header("If-Modified-Since"), r.toString()));
        List<RecordedRequest> check = requestsTo(LEADS_RECORDS);
        assertEquals(1, check.size(), "the start-up check of the module, once: " + check);
        assertEquals(listings.size() + 1, apiRequests().size(), "only the module listing was used, and the check");
        assertEquals(1, logged(Level.INFO, "through the module listing GET /crm/v8/Attachments").size(), logs.list.toString());
    }

    @Test
    void newAttachmentsOnRandomRecordsComeOnce() throws Exception {
        List<String> records = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String record = Long.toString(4876876000000100000L + i);
            records.add(record);
            expected.addAll(keys(record, zoho.seedAttachments("Leads", record, 1, Instant.now().minusSeconds(3600))));
        }
        startRoute(context, uri(""), delivered);
        await("the existing 200", () -> delivered.size() >= 200);

        Random random = new Random(11);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 10; i++) {
                String record = records.get(random.nextInt(records.size()));
                expected.addAll(keys(record, zoho.seedAttachments("Leads", record, 1)));
                zoho.seedAttachments("Accounts", record, 1); // same id, another module: never delivered
            }
            awaitPolls(2);
        }
        await("every new attachment", () -> delivered.size() >= expected.size());
        awaitPolls(5);

        assertDeliveredOnce(expected);
        assertEquals(Set.of("Leads"), new HashSet<>(modules));
    }

    @Test
    void tenIdlePollsOver2000RecordsCostAtMost20Requests() throws Exception {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String record = Long.toString(4876876000000200000L + i);
            expected.addAll(keys(record, zoho.seedAttachments("Leads", record, 1, Instant.now().minusSeconds(3600))));
        }
        startRoute(context, uri(""), delivered);
        await("2,000 attachments", () -> delivered.size() >= 2_000);
        awaitPolls(1);

        int before = apiRequests().size();
        int pollsBefore = polls.successes;
        awaitPolls(10);
        context.getRouteController().stopRoute("watch");
        int idlePolls = polls.successes - pollsBefore;
        int spent = apiRequests().size() - before;

        assertTrue(idlePolls >= 10, "polls: " + idlePolls);
        assertTrue(spent <= 2 * idlePolls, spent + " requests for " + idlePolls + " idle polls");
        assertTrue(spent <= idlePolls + 1, "one request per idle poll: " + spent + " for " + idlePolls);
        assertDeliveredOnce(expected);
    }

    @ParameterizedTest
    @EnumSource(ModuleListingOrder.class)
    void everyListingOrderDeliversEachAttachmentOnce(ModuleListingOrder order) throws Exception {
        zoho.setModuleListingOrder(order);
        Set<String> expected = new HashSet<>();
        Instant now = Instant.now();
        // ids grow in the order added, creation times jump around
        int[] minutesAgo = {30, 90, 10, 60, 45, 5};
        for (int i = 0; i < minutesAgo.length; i++) {
            String record = Long.toString(4876876000000300000L + i);
            expected.addAll(
                    keys(record, zoho.seedAttachments("Leads", record, 3, now.minus(minutesAgo[i], ChronoUnit.MINUTES))));
        }
        startRoute(context, uri("&maxMessagesPerPoll=4"), delivered);
        await("18 attachments", () -> delivered.size() >= 18);
        expected.addAll(keys("4876876000000300001", zoho.seedAttachments("Leads", "4876876000000300001", 2)));
        await("20 attachments", () -> delivered.size() >= 20);
        awaitPolls(4);

        assertDeliveredOnce(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_MODULE", "NO_PERMISSION", "OAUTH_SCOPE_MISMATCH"})
    void whenTheModuleListingIsRefusedTheRecordActivityPathDelivers(String refusal) throws Exception {
        zoho.refuseModuleListing(refusal);
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 4; i++) {
            String record = "48768760000000004" + i;
            expected.addAll(keys(record, zoho.seedAttachments("Leads", record, 2, Instant.now().minusSeconds(600))));
        }
        zoho.addRecord("Leads", "4876876000000000450"); // no attachments: never listed
        zoho.seedAttachments("Deals", "4876876000000000451", 2);

        startRoute(context, uri(""), delivered);
        await("8 attachments", () -> delivered.size() >= 8);
        awaitPolls(2);
        int attachmentListingsBefore = zoho.requests("GET", ".+/\\d+/Attachments").size();
        expected.addAll(keys("48768760000000003", zoho.seedAttachments("Leads", "48768760000000003", 1)));
        await("the new one", () -> delivered.size() >= 9);
        awaitPolls(3);

        assertDeliveredOnce(expected);
        assertEquals(1, requestsTo(ORG_LISTING).size(), "the refused listing is asked once");
        List<String> warnings = logged(Level.WARN, "refused the module listing GET /crm/v8/Attachments");
        assertEquals(1, warnings.size(), logs.list.toString());
        assertTrue(warnings.get(0).contains(refusal) && warnings.get(0).contains("Last_Activity_Time"), warnings.get(0));
        assertEquals(1, logged(Level.INFO, "through the record activity GET /crm/v8/Leads").size());
        assertTrue(requestsTo(LEADS_RECORDS).size() >= 5);
        // only the record with new activity is listed again, never the one without attachments
        assertEquals(List.of("/crm/v8/Leads/48768760000000003/Attachments"),
                zoho.requests("GET", ".+/\\d+/Attachments").stream().skip(attachmentListingsBefore)
                        .map(RecordedRequest::path).distinct().toList());
        assertEquals(0, zoho.requests("GET", ".+/4876876000000000450/Attachments").size());
    }

    @Test
    void aRefusedModuleListingIsAskedAgainOnceInSixtyListingsAndUsedOnceGranted() throws Exception {
        zoho.refuseModuleListing("NO_PERMISSION");
        String record = "4876876000000000461";
        Set<String> expected = new HashSet<>(
                keys(record, zoho.seedAttachments("Leads", record, 1, Instant.now().minusSeconds(600))));

        startRoute(context, uri(""), delivered);
        await("the first", () -> delivered.size() >= 1);
        awaitPolls(61);
        assertEquals(2, requestsTo(ORG_LISTING).size(), "asked again once in 60 listings, not at every poll");
        assertEquals(1, logged(Level.WARN, "refused the module listing").size(), "one WARN, however often it is asked");
        zoho.fail("GET", ORG_LISTING).times(4).withInternalError(); // the next try fails otherwise: the fallback goes on
        awaitPolls(61);
        assertEquals(List.of(), polls.failures, "a failing try of the refused listing fails no poll");

        zoho.refuseModuleListing(null); // an administrator grants the scope
        awaitPolls(61);
        int recordListings = requestsTo(LEADS_RECORDS).size();
        expected.addAll(keys(record, zoho.seedAttachments("Leads", record, 1)));
        await("the new one", () -> delivered.size() >= 2);
        awaitPolls(3);

        assertDeliveredOnce(expected);
        assertEquals(recordListings, requestsTo(LEADS_RECORDS).size(), "back on the module listing: no record is read");
        assertEquals(1, logged(Level.INFO, "accepts the module listing GET /crm/v8/Attachments again").size(),
                logs.list.toString());
    }

    @Test
    void attachmentsThatKeepFailingNeverStarveTheOthersAndComeAgain() throws Exception {
        List<String> failing = keys("4876876000000000901",
                zoho.seedAttachments("Leads", "4876876000000000901", 2, Instant.now().minusSeconds(900)));
        Set<String> others = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            String record = Long.toString(4876876000000000910L + i);
            others.addAll(keys(record, zoho.seedAttachments("Leads", record, 1, Instant.now().minusSeconds(600 - i))));
        }
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(uri("&maxMessagesPerPoll=2")).routeId("watch").process(e -> {
                    String key = e.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID, String.class) + "/"
                            + e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class);
                    attempts.add(key);
                    if (failing.contains(key) && attempts.stream().filter(key::equals).count() <= 3) {
                        throw new IllegalStateException("cannot archive " + key);
                    }
                    delivered.add(key);
                });
            }
        });
        await("the others", () -> delivered.containsAll(others));
        await("the failing ones, once they succeed", () -> delivered.containsAll(failing));
        awaitPolls(4);

        Set<String> all = new HashSet<>(others);
        all.addAll(failing);
        assertDeliveredOnce(all);
        failing.forEach(key -> assertEquals(4, attempts.stream().filter(key::equals).count(), key + ": " + attempts));
    }

    @Test
    void aModuleListingThatFailsWithoutRefusingFailsThePollAndIsTriedAgain() throws Exception {
        Set<String> expected = new HashSet<>(keys("4876876000000000551",
                zoho.seedAttachments("Leads", "4876876000000000551", 2)));
        zoho.fail("GET", ORG_LISTING).times(8).withInternalError(); // 4 attempts per poll: 2 polls fail

        startRoute(context, uri(""), delivered);
        await("2 attachments", () -> delivered.size() >= 2);

        assertEquals(2, polls.failures.size(), polls.failures.toString());
        String message = polls.failures.get(0).getMessage();
        assertTrue(message.contains("module listing GET /crm/v8/Attachments") && message.contains("INTERNAL_ERROR")
                && message.contains("tried again at the next poll"), message);
        assertTrue(logged(Level.WARN, "refused").isEmpty(), "a server error is no refusal: no fallback");
        List<RecordedRequest> records = requestsTo(LEADS_RECORDS);
        assertEquals(1, records.size(), "the start-up check of the module only, no fallback: " + records);
        assertEquals("1", records.get(0).queryParam("per_page"));
        assertDeliveredOnce(expected);
    }

    @Test
    void aPathThatFailsFailsThePollNamingItAndWhatToChange() throws Exception {
        zoho.refuseModuleListing("NO_PERMISSION");
        zoho.fail("GET", LEADS_RECORDS).times(100).withZohoError(401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope");
        zoho.seedAttachments("Leads", "4876876000000000501", 1);

        startRoute(context, uri(""), delivered);
        await("a failed poll", () -> !polls.failures.isEmpty());

        String message = polls.failures.get(0).getMessage();
        assertTrue(message.contains("record activity GET /crm/v8/Leads") && message.contains("OAUTH_SCOPE_MISMATCH")
                && message.contains("ZohoCRM.modules.leads.READ") && message.contains("recordId"),
                message);
        assertEquals(0, delivered.size());
    }

    @Test
    void aCrmThatIgnoresIfModifiedSinceStillDeliversEachOnceOnlyCostingMore() throws Exception {
        zoho.setModuleListingHonoursIfModifiedSince(false);
        Set<String> expected = new HashSet<>(keys("4876876000000000601",
                zoho.seedAttachments("Leads", "4876876000000000601", 3, Instant.now().minusSeconds(600))));
        startRoute(context, uri(""), delivered);
        await("3 attachments", () -> delivered.size() >= 3);
        expected.addAll(keys("4876876000000000602", zoho.seedAttachments("Leads", "4876876000000000602", 2)));
        await("5 attachments", () -> delivered.size() >= 5);
        awaitPolls(5);

        assertDeliveredOnce(expected);
    }

    @Test
    void startFromNowDeliversOnlyWhatIsAddedAfterTheFirstStart() throws Exception {
        zoho.seedAttachments("Leads", "4876876000000000701", 3, Instant.now().minusSeconds(600));
        // before the start, but listed by the first poll (its If-Modified-Since is the start less the clock margin and the
        // overlap): recorded, not emitted
        zoho.seedAttachments("Leads", "4876876000000000702", 2, Instant.now().minusSeconds(90));
        startRoute(context, uri("&startFrom=now"), delivered);
        awaitPolls(2);
        List<String> later = keys("4876876000000000701", zoho.seedAttachments("Leads", "4876876000000000701", 1));
        await("the later one", () -> delivered.size() >= 1);
        awaitPolls(4);

        assertDeliveredOnce(new HashSet<>(later));
    }

    /** Stops the application after the first delivery, adds attachments, and starts another CamelContext on the same files. */
    private List<String> restartAfterAdding(Path dir, String options, String addedRecord, int added) throws Exception {
        context.getRegistry().bind("delivered", FileIdempotentRepository
                .fileIdempotentRepository(dir.resolve("delivered.txt").toFile(), 100_000));
        context.getRegistry().bind("position", FileStateRepository.fileStateRepository(dir.resolve("position.txt").toFile()));
        startRoute(context, uri("&idempotentRepository=#delivered" + options), delivered);
        await("3 attachments", () -> delivered.size() >= 3);
        awaitPolls(2);
        context.stop();

        expectedAfterRestart.addAll(keys(addedRecord, zoho.seedAttachments("Leads", addedRecord, added)));
        requestsBeforeRestart = zoho.requests().size();
        List<String> second = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext restarted = new DefaultCamelContext()) {
            pointAt(restarted, zoho);
            restarted.getRegistry().bind("delivered", FileIdempotentRepository
                    .fileIdempotentRepository(dir.resolve("delivered.txt").toFile(), 100_000));
            restarted.getRegistry().bind("position",
                    FileStateRepository.fileStateRepository(dir.resolve("position.txt").toFile()));
            restarted.getRegistry().bind("polls", polls);
            startRoute(restarted, uri("&idempotentRepository=#delivered" + options), second);
            restarted.start();
            await("the " + added + " added while stopped", () -> second.size() >= added);
            awaitPolls(3);
            restarted.stop();
        }
        return second;
    }

    private final Set<String> expectedAfterRestart = new HashSet<>();
    private int requestsBeforeRestart;

    private RecordedRequest firstListingAfterRestart() {
        return zoho.requests().stream().skip(requestsBeforeRestart).filter(r -> r.path().equals(ORG_LISTING)).findFirst()
                .orElseThrow();
    }

    @Test
    void aRestartWithAStateRepositoryResumesFromItsPosition(@TempDir Path dir) throws Exception {
        Set<String> first = new HashSet<>(keys("4876876000000000801",
                zoho.seedAttachments("Leads", "4876876000000000801", 3, Instant.now().minusSeconds(600))));
        List<String> second = restartAfterAdding(dir, "&stateRepository=#position", "4876876000000000802", 2);

        assertDeliveredOnce(first);
        assertEquals(expectedAfterRestart, new HashSet<>(second));
        assertEquals(2, second.size(), "nothing delivered before the restart comes again: " + second);
        // resumed from the saved position: the first listing after the restart is already conditional, past what the first
        // run delivered (created 10 minutes ago)
        String since = firstListingAfterRestart().header("If-Modified-Since");
        assertNotNull(since);
        assertTrue(OffsetDateTime.parse(since).toInstant().isAfter(Instant.now().minusSeconds(300)), since);
    }

    @Test
    void aRestartWithOnlyAPersistentIdempotentRepositoryListsEverythingAgainAndEmitsOnlyTheNew(@TempDir Path dir)
            throws Exception {
        Set<String> first = new HashSet<>(keys("4876876000000000811",
                zoho.seedAttachments("Leads", "4876876000000000811", 3, Instant.now().minusSeconds(600))));
        List<String> second = restartAfterAdding(dir, "", "4876876000000000812", 2);

        assertDeliveredOnce(first);
        assertEquals(expectedAfterRestart, new HashSet<>(second));
        assertEquals(2, second.size(), "nothing delivered before the restart comes again: " + second);
        assertEquals(null, firstListingAfterRestart().header("If-Modified-Since"), "no position: the whole listing");
    }

    @Test
    void aStartFromNowRestartWithoutAStateRepositoryEmitsWhatWasAddedWhileStoppedAndNothingOlder(@TempDir Path dir)
            throws Exception {
        zoho.seedAttachments("Leads", "4876876000000000821", 4, Instant.now().minusSeconds(3600)); // existed: never emitted
        String record = "4876876000000000822";
        zoho.seedAttachments("Leads", record, 1, Instant.now().minusSeconds(3600));
        context.getRegistry().bind("delivered", FileIdempotentRepository
                .fileIdempotentRepository(dir.resolve("delivered.txt").toFile(), 100_000));
        startRoute(context, uri("&idempotentRepository=#delivered&startFrom=now"), delivered);
        awaitPolls(2);
        Set<String> firstRun = new HashSet<>(keys(record, zoho.seedAttachments("Leads", record, 3)));
        await("the 3 added after the start", () -> delivered.size() >= 3);
        awaitPolls(2);
        context.stop();
        assertDeliveredOnce(firstRun);

        Set<String> whileStopped = new HashSet<>(keys(record, zoho.seedAttachments("Leads", record, 2)));
        List<String> second = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext restarted = new DefaultCamelContext()) {
            pointAt(restarted, zoho);
            restarted.getRegistry().bind("delivered", FileIdempotentRepository
                    .fileIdempotentRepository(dir.resolve("delivered.txt").toFile(), 100_000));
            restarted.getRegistry().bind("polls", polls);
            startRoute(restarted, uri("&idempotentRepository=#delivered&startFrom=now"), second);
            restarted.start();
            await("the 2 added while stopped", () -> second.size() >= 2);
            awaitPolls(3);
            restarted.stop();
        }
        assertEquals(whileStopped, new HashSet<>(second));
        assertEquals(2, second.size(), second.toString());
    }
}
