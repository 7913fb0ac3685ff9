package io.github.camelzoho.attachments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.testserver.PageTokenMode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZohoAttachmentsConsumerTest extends ZohoTestSupport {

    private static final String R1 = "4876876000000000001";
    private static final String R2 = "4876876000000000002";
    private static final String R3 = "4876876000000000003";

    /** Every attachment id delivered, in order, duplicates included. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    private String consumerUri(String records, String options) {
        return "zoho-attachments:list?module=Leads&recordId=" + records + "&delay=50&initialDelay=0" + options;
    }

    private void startRoute(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(uri).routeId("watch")
                        .process(e -> delivered
                                .add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class)))
                        .to("mock:new");
            }
        });
    }

    private List<String> ids(List<Map<String, Object>> attachments) {
        return attachments.stream().map(a -> (String) a.get("id")).toList();
    }

    private int listRequests(String record) {
        return (int) apiRequests().stream().filter(r -> r.path().contains("/" + record + "/")).count();
    }

    private void awaitMorePolls(String record, int polls) throws InterruptedException {
        int target = listRequests(record) + polls;
        await(polls + " more polls of " + record, () -> listRequests(record) >= target);
    }

    @Test
    void existingAndLaterAttachmentsAreEmittedOnceEachAcrossManyPolls() throws Exception {
        List<String> existing = ids(zoho.seedAttachments("Leads", R1, 3));
        MockEndpoint mock = getMockEndpoint("mock:new");
        mock.expectedMessageCount(3);

        startRoute(consumerUri(R1, ""));
        mock.assertIsSatisfied();
        List<String> later = List.of((String) zoho.addAttachment("Leads", R1, "later-1.pdf", new byte[10]).get("id"),
                (String) zoho.addAttachment("Leads", R1, "later-2.pdf", new byte[20]).get("id"));
        await("5 deliveries", () -> delivered.size() >= 5);
        awaitMorePolls(R1, 10);

        List<String> expected = new ArrayList<>(existing);
        expected.addAll(later);
        assertEquals(expected.size(), delivered.size(), "no duplicate across polls: " + delivered);
        assertEquals(asSet(expected), asSet(delivered));
        Exchange first = mock.getReceivedExchanges().get(0);
        ZohoAttachment body = first.getMessage().getBody(ZohoAttachment.class);
        assertEquals(first.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID), body.getId());
        assertEquals("Leads", first.getMessage().getHeader(ZohoAttachmentsConstants.MODULE));
        assertEquals(R1, first.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID));
        assertEquals(3, first.getProperty(Exchange.BATCH_SIZE));
        assertEquals(0, first.getProperty(Exchange.BATCH_INDEX));
        assertEquals(Boolean.TRUE, mock.getReceivedExchanges().get(2).getProperty(Exchange.BATCH_COMPLETE));
    }

    private static Set<String> asSet(List<String> ids) {
        return new HashSet<>(ids);
    }

    @Test
    void restartWithAFileRepositoryReEmitsNothingAndDeliversWhatCameWhileStopped(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("delivered.txt");
        zoho.seedAttachments("Leads", R1, 4);

        List<String> firstRun = runSeparateContext(store, 4);
        List<String> addedWhileStopped = List.of(
                (String) zoho.addAttachment("Leads", R1, "while-stopped.pdf", new byte[5]).get("id"));
        List<String> secondRun = runSeparateContext(store, 1);

        assertEquals(4, firstRun.size());
        assertEquals(addedWhileStopped, secondRun, "only what was added while stopped, exactly once");
        assertEquals(5, Files.readAllLines(store).size());
    }

    /** A whole CamelContext lifecycle, as a process would have: start, deliver, poll a while longer, stop. */
    private List<String> runSeparateContext(Path store, int expected) throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        CamelContext other = new DefaultCamelContext();
        try {
            pointAt(other, zoho);
            other.getRegistry().bind("store", FileIdempotentRepository.fileIdempotentRepository(store.toFile(), 10_000));
            other.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from(consumerUri(R1, "&idempotentRepository=#store"))
                            .process(e -> got
                                    .add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class)));
                }
            });
            other.start();
            await(expected + " deliveries", () -> got.size() >= expected);
            awaitMorePolls(R1, 5);
        } finally {
            other.stop();
        }
        return got;
    }

    @Test
    void anAttachmentWhoseExchangeFailedComesAgainAndTheOthersDoNot() throws Exception {
        List<String> seeded = ids(zoho.seedAttachments("Leads", R1, 3));
        String unlucky = seeded.get(1);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(consumerUri(R1, "")).routeId("watch")
                        .process(e -> {
                            String id = e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class);
                            delivered.add(id);
                            if (id.equals(unlucky) && failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("archive is full");
                            }
                        });
            }
        });

        await("the failed attachment to succeed", () -> Collections.frequency(delivered, unlucky) == 3);
        awaitMorePolls(R1, 5);

        assertEquals(3, Collections.frequency(delivered, unlucky), "twice failed, once delivered, then never again");
        assertEquals(1, Collections.frequency(delivered, seeded.get(0)));
        assertEquals(1, Collections.frequency(delivered, seeded.get(2)));
    }

    @Test
    void maxMessagesPerPollCutsBatchesWithoutLosingAnything() throws Exception {
        List<String> seeded = ids(zoho.seedAttachments("Leads", R1, 7));
        MockEndpoint mock = getMockEndpoint("mock:new");
        mock.expectedMessageCount(7);

        startRoute(consumerUri(R1, "&maxMessagesPerPoll=2"));
        mock.assertIsSatisfied();
        awaitMorePolls(R1, 5);

        assertEquals(7, delivered.size(), "each once: " + delivered);
        assertEquals(asSet(seeded), asSet(delivered));
        for (Exchange exchange : mock.getReceivedExchanges()) {
            assertTrue(exchange.getProperty(Exchange.BATCH_SIZE, Integer.class) <= 2);
        }
        assertEquals(seeded.get(0), delivered.get(0), "oldest first, though Zoho lists newest first");
    }

    @Test
    void oneRecordFailingPersistentlyDoesNotStopTheOthers() throws Exception {
        List<String> good = new ArrayList<>(ids(zoho.seedAttachments("Leads", R1, 2)));
        good.addAll(ids(zoho.seedAttachments("Leads", R3, 2)));
        zoho.seedAttachments("Leads", R2, 2);
        zoho.fail("GET", ".*/" + R2 + "/Attachments").times(1_000_000)
                .withZohoError(403, "NO_PERMISSION", "permission denied to read attachment details");
        List<Exception> pollErrors = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                onException(ZohoAttachmentsPollException.class).handled(true)
                        .process(e -> pollErrors.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
                from(consumerUri(R1 + "," + R2 + "," + R3, "&bridgeErrorHandler=true")).routeId("watch")
                        .process(e -> delivered
                                .add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class)));
            }
        });

        await("4 deliveries and 3 reported poll errors", () -> delivered.size() >= 4 && pollErrors.size() >= 3);

        assertEquals(asSet(good), asSet(delivered));
        assertEquals(4, delivered.size());
        ZohoAttachmentsPollException e = assertInstanceOf(ZohoAttachmentsPollException.class, pollErrors.get(0));
        assertEquals(List.of(R2), List.copyOf(e.getFailures().keySet()));
        assertEquals("Polling 1 of 3 Leads records failed: " + R2 + ": Zoho CRM answered NO_PERMISSION (HTTP 403) to GET"
                + " /crm/v8/Leads/" + R2 + "/Attachments: permission denied to read attachment details",
                e.getMessage());
    }

    @Test
    void startFromNowEmitsOnlyWhatComesLater() throws Exception {
        zoho.setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        zoho.seedAttachments("Leads", R1, 3);
        zoho.setClock(Clock.systemUTC());
        startRoute(consumerUri(R1, "&startFrom=now"));
        awaitMorePolls(R1, 3);
        assertTrue(delivered.isEmpty(), "existing attachments are not emitted: " + delivered);

        String later = (String) zoho.addAttachment("Leads", R1, "later.pdf", new byte[3]).get("id");
        await("the later attachment", () -> delivered.size() >= 1);
        awaitMorePolls(R1, 3);

        assertEquals(List.of(later), delivered);
    }

    @Test
    void tooManyRequestsDuringAPollIsRetriedAndNothingIsLost() throws Exception {
        zoho.setPageTokenMode(PageTokenMode.ALWAYS);
        List<String> seeded = ids(zoho.seedAttachments("Leads", R1, 450));
        zoho.fail("GET", ".*/Attachments").times(2).withTooManyRequests();

        startRoute(consumerUri(R1, "&maxMessagesPerPoll=0"));
        await("450 deliveries", () -> delivered.size() >= 450);
        awaitMorePolls(R1, 3);

        assertEquals(450, delivered.size());
        assertEquals(asSet(seeded), asSet(delivered));
    }

    @Test
    void pagesPast2000AttachmentsOnOneRecord() throws Exception {
        zoho.setPageTokenMode(PageTokenMode.PAST_2000);
        List<String> seeded = ids(zoho.seedAttachments("Leads", R1, 2100));

        startRoute(consumerUri(R1, "&maxMessagesPerPoll=0"));
        await("2,100 deliveries", () -> delivered.size() >= 2100);
        awaitMorePolls(R1, 11);

        assertEquals(2100, delivered.size());
        assertEquals(asSet(seeded), asSet(delivered));
        assertTrue(apiRequests().stream().anyMatch(r -> r.queryParam("page_token") != null), "past 2,000 needs page tokens");
    }

    @Test
    void manyRecordsWithTheLimitResumeWhereThePreviousPollStopped() throws Exception {
        List<String> seeded = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String record = "48768760000001" + String.format("%05d", i);
            records.add(record);
            seeded.addAll(ids(zoho.seedAttachments("Leads", record, 3)));
        }

        startRoute(consumerUri(String.join(",", records), "&maxMessagesPerPoll=5&maxConcurrentRequests=10"));
        await("36 deliveries", () -> delivered.size() >= 36);
        awaitMorePolls(records.get(0), 3);

        assertEquals(36, delivered.size());
        assertEquals(asSet(seeded), asSet(delivered));
    }

    @Test
    void reUploadedAttachmentHasANewIdAndIsEmittedWhileAModifiedOneIsNot() throws Exception {
        String original = ids(zoho.seedAttachments("Leads", R1, 1)).get(0);
        startRoute(consumerUri(R1, ""));
        await("the first delivery", () -> delivered.size() == 1);

        zoho.removeAttachment("Leads", R1, original);
        String reUploaded = (String) zoho.addAttachment("Leads", R1, "file-1.txt", new byte[1]).get("id");
        await("the re-upload", () -> delivered.size() == 2);
        zoho.fail("GET", ".*/" + R1 + "/Attachments").times(3).withStatus(200, modifiedListing(reUploaded));
        awaitMorePolls(R1, 5);

        assertEquals(List.of(original, reUploaded), delivered);
    }

    @Test
    void emitModifiedEmitsAgainWhenModifiedTimeChanges() throws Exception {
        String id = ids(zoho.seedAttachments("Leads", R1, 1)).get(0);
        startRoute(consumerUri(R1, "&emitModified=true"));
        await("the first delivery", () -> delivered.size() == 1);

        zoho.fail("GET", ".*/" + R1 + "/Attachments").times(3).withStatus(200, modifiedListing(id));
        await("the modified one", () -> delivered.size() == 2);
        awaitMorePolls(R1, 3);

        assertEquals(List.of(id, id), delivered);
    }

    private static String modifiedListing(String id) {
        return "{\"data\":[{\"id\":\"" + id + "\",\"File_Name\":\"file-1.txt\",\"Created_Time\":\"2024-01-01T10:00:00+05:30\","
                + "\"Modified_Time\":\"2031-01-01T10:00:00+05:30\"}],\"info\":{\"per_page\":200,\"count\":1,\"page\":1,"
                + "\"more_records\":false}}";
    }

    @Test
    void recordIdSourceIsAskedAtEveryRound() throws Exception {
        List<String> watched = new CopyOnWriteArrayList<>(List.of(R1));
        context.getRegistry().bind("watchList", (ZohoRecordIdSource) () -> watched);
        String first = ids(zoho.seedAttachments("Leads", R1, 1)).get(0);
        String second = ids(zoho.seedAttachments("Leads", R2, 1)).get(0);

        startRoute("zoho-attachments:list?module=Leads&recordIdSource=#watchList&delay=50&initialDelay=0");
        await("R1's attachment", () -> delivered.size() == 1);
        watched.add(R2);
        await("R2's attachment", () -> delivered.size() == 2);

        assertEquals(List.of(first, second), delivered);
    }

    @Test
    void healthIsDownUntilAPollSucceeds() throws Exception {
        zoho.seedAttachments("Leads", R1, 1);
        zoho.fail("GET", ".*/Attachments").times(1_000_000).withZohoError(403, "NO_PERMISSION", "denied");
        startRoute(consumerUri(R1, "&maxRetries=0"));
        awaitMorePolls(R1, 3);

        assertEquals(HealthCheck.State.DOWN, consumerHealth());

        zoho.clearFaults();
        await("a delivery", () -> delivered.size() == 1);
        await("the health check to turn UP", () -> consumerHealth() == HealthCheck.State.UP);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // What camel-main does with camel.health.enabled=true: a registry with the consumers' checks.
        HealthCheckRegistry health = new DefaultHealthCheckRegistry();
        health.setCamelContext(context);
        context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, health);
        health.register(health.resolveById("consumers"));
        return context;
    }

    private HealthCheck.State consumerHealth() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:watch"))
                .map(HealthCheck.Result::getState).findFirst()
                .orElseThrow(() -> new AssertionError("no consumer health check among "
                        + HealthCheckRegistry.get(context).getCheckIDs()));
    }

    @Test
    void aRouteRestartKeepsTheUsersRepositoryAndReEmitsNothing() throws Exception {
        zoho.seedAttachments("Leads", R1, 3);
        context.getRegistry().bind("seen", MemoryIdempotentRepository.memoryIdempotentRepository(new HashMap<>()));
        startRoute(consumerUri(R1, "&idempotentRepository=#seen"));
        await("3 deliveries", () -> delivered.size() >= 3);

        context.getRouteController().stopRoute("watch");
        String later = (String) zoho.addAttachment("Leads", R1, "while-stopped.pdf", new byte[2]).get("id");
        context.getRouteController().startRoute("watch");
        await("the one added while stopped", () -> delivered.contains(later));
        awaitMorePolls(R1, 5);

        assertEquals(4, delivered.size(), "nothing delivered before the restart comes again: " + delivered);
    }

    @Test
    void attachmentsThatAlwaysFailDoNotStarveTheOthers() throws Exception {
        List<String> expected = new ArrayList<>(ids(zoho.seedAttachments("Leads", R1, 2)));
        // b's two oldest cannot be processed (say, links Zoho refuses to download): first in line, oldest first
        List<String> failing = ids(zoho.seedAttachments("Leads", R2, 2));
        expected.addAll(ids(zoho.seedAttachments("Leads", R2, 3)));
        expected.addAll(ids(zoho.seedAttachments("Leads", R3, 2)));
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(consumerUri(R1 + "," + R2 + "," + R3, "&maxMessagesPerPoll=2")).routeId("watch")
                        .process(e -> {
                            String id = e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class);
                            delivered.add(id);
                            if (failing.contains(id)) {
                                throw new IllegalStateException("DOWNLOAD_NOT_ALLOWED: this link cannot be downloaded");
                            }
                        });
            }
        });
        await("the failing attachments' first attempt", () -> delivered.containsAll(failing));
        expected.add((String) zoho.addAttachment("Leads", R1, "later-a.pdf", new byte[1]).get("id"));
        expected.add((String) zoho.addAttachment("Leads", R3, "later-c.pdf", new byte[1]).get("id"));

        await("every attachment that does not fail", () -> delivered.containsAll(expected));
        awaitMorePolls(R1, 2);

        for (String id : expected) {
            assertEquals(1, Collections.frequency(delivered, id), id + " once: " + delivered);
        }
        for (String id : failing) {
            assertTrue(Collections.frequency(delivered, id) >= 2, id + " is retried: " + delivered);
        }
    }

    @Test
    void greedyPollsDoNotSpinOnAnAttachmentThatAlwaysFails() throws Exception {
        String failing = ids(zoho.seedAttachments("Leads", R1, 1)).get(0);
        RecordingPollStrategy polls = new RecordingPollStrategy();
        context.getRegistry().bind("polls", polls);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(consumerUri(R1, "&greedy=true&pollStrategy=#polls").replace("delay=50", "delay=300")).routeId("watch")
                        .process(e -> {
                            delivered.add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class));
                            throw new IllegalStateException("DOWNLOAD_NOT_ALLOWED: this link cannot be downloaded");
                        });
            }
        });

        await("3 attempts", () -> delivered.size() >= 3);
        context.getRouteController().stopRoute("watch");

        // greedy polls again at once after a poll that emitted: that poll must not retry it, the one after the delay may
        assertTrue(delivered.size() <= polls.begun.get() / 2 + 1,
                delivered.size() + " attempts in " + polls.begun.get() + " polls: " + delivered);
        assertEquals(List.of(failing), List.copyOf(new HashSet<>(delivered)));
    }

    @Test
    void startFromNowEmitsWhatWasAddedAfterTheStartWhenTheFirstListingFailsMidway() throws Exception {
        zoho.setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        zoho.seedAttachments("Leads", R1, 7); // there long before the start: two pages of 5
        zoho.setClock(Clock.systemUTC());
        zoho.fail("GET", ".*/" + R1 + "/Attachments").withDelay(Duration.ZERO); // page 1 of the first listing
        zoho.fail("GET", ".*/" + R1 + "/Attachments").withInternalError(); // page 2: 500, no retry left

        startRoute(consumerUri(R1, "&startFrom=now&perPage=5&maxRetries=0"));
        String later = (String) zoho.addAttachment("Leads", R1, "after-the-start.pdf", new byte[3]).get("id");
        await("the attachment added after the start", () -> delivered.contains(later));
        awaitMorePolls(R1, 3);

        assertEquals(List.of(later), delivered, "what existed at the start is skipped, what came later is not");
    }

    @Test
    void aRecordIdSourceThatRepeatsAnIdDeliversItsAttachmentsOnceAndListsItOncePerPoll() throws Exception {
        context.getRegistry().bind("watchList", (ZohoRecordIdSource) () -> List.of(R1, R1));
        RecordingPollStrategy polls = new RecordingPollStrategy();
        context.getRegistry().bind("polls", polls);
        List<String> seeded = ids(zoho.seedAttachments("Leads", R1, 3));

        startRoute("zoho-attachments:list?module=Leads&recordIdSource=#watchList&delay=50&initialDelay=0&pollStrategy=#polls");
        await("3 deliveries", () -> delivered.size() >= 3);
        awaitMorePolls(R1, 3);
        context.getRouteController().stopRoute("watch");

        assertEquals(seeded, delivered, "each once, oldest first");
        assertTrue(listRequests(R1) <= polls.begun.get(),
                "one listing per poll: " + listRequests(R1) + " listings in " + polls.begun.get() + " polls");
    }

    @Test
    void aCutOnTheFirstRecordResumesThere() throws Exception {
        List<String> first = ids(zoho.seedAttachments("Leads", R1, 5));
        zoho.seedAttachments("Leads", R2, 1);
        zoho.seedAttachments("Leads", R3, 1);

        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration()
                .setMaxConcurrentRequests(1);
        startRoute(consumerUri(R1 + "," + R2 + "," + R3, "&maxMessagesPerPoll=2"));
        await("7 deliveries", () -> delivered.size() >= 7);

        assertEquals(first, delivered.subList(0, 5), "the first record's rest comes before the next records: " + delivered);
    }

    @ParameterizedTest
    @EnumSource(value = PageTokenMode.class, names = {"ALWAYS", "NEVER"})
    void pollsCutByTheBudgetListEachPageOnceARound(PageTokenMode paging) throws Exception {
        zoho.setPageTokenMode(paging);
        List<String> seeded = ids(zoho.seedAttachments("Leads", R1, 12)); // 3 pages of 5
        List<String> pagesListedBeforeTheLastDelivery = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(consumerUri(R1, "&perPage=5&maxMessagesPerPoll=2")).routeId("watch")
                        .process(e -> {
                            delivered.add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class));
                            if (delivered.size() == seeded.size()) {
                                apiRequests().forEach(r -> pagesListedBeforeTheLastDelivery.add(r.queryParam("page") != null
                                        ? "page " + r.queryParam("page")
                                        : "token " + r.queryParam("page_token")));
                            }
                        });
            }
        });

        await("12 deliveries", () -> delivered.size() >= 12);
        awaitMorePolls(R1, 3);

        assertEquals(asSet(seeded), asSet(delivered));
        assertEquals(12, delivered.size(), "each once: " + delivered);
        List<String> pages = pagesListedBeforeTheLastDelivery;
        assertEquals(3, pages.size(), "6 polls of 2, each page listed once: " + pages);
        assertEquals(3, Set.copyOf(pages).size(), "each page listed once: " + pages);
        assertEquals("page 1", pages.get(0));
    }

    @Test
    void deleteCannotBeAConsumer() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> startRoute("zoho-attachments:delete?module=Leads&recordId=" + R1));

        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertEquals("zoho-attachments:delete cannot be used as a consumer (from): only zoho-attachments:list can",
                root.getMessage());
    }

}
