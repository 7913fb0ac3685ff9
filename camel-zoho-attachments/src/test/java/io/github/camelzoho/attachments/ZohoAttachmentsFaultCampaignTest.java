package io.github.camelzoho.attachments;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.testserver.PageTokenMode;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer against the failures the live service produces, one case per test. Three records hold 12 attachments each, read
 * in pages of 5 (three pages per record), with responseTimeout=300 ms and maxRetries=2. Each case states what the user sees
 * (failed polls as the poll strategy reports them, or nothing) and counts, over the polls that follow, the attachments lost
 * (always 0) and delivered twice (0: the consumer emits a record's attachments only after its whole listing succeeded, once per
 * key within a listing, and never a key already delivered or in flight).
 */
class ZohoAttachmentsFaultCampaignTest extends ZohoTestSupport {

    private static final String R1 = "4876876000000000001";
    private static final String R2 = "4876876000000000002";
    private static final String R3 = "4876876000000000003";
    private static final String R1_LISTING = ".*/" + R1 + "/Attachments";
    private static final String R2_LISTING = ".*/" + R2 + "/Attachments";
    private static final int MAX_RETRIES = 2;
    /** A storm one longer than the retries, so that a whole poll of the record fails. */
    private static final int STORM = MAX_RETRIES + 1;

    /** Every attachment the route received, in order, duplicates included. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final RecordingPollStrategy polls = new RecordingPollStrategy();
    private final List<String> seeded = new ArrayList<>();

    private void seed() {
        for (String record : List.of(R1, R2, R3)) {
            zoho.seedAttachments("Leads", record, 12).forEach(a -> seeded.add((String) a.get("id")));
        }
    }

    private void startConsumer() throws Exception {
        context.getRegistry().bind("polls", polls);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("zoho-attachments:list?module=Leads&recordId=" + R1 + "," + R2 + "," + R3
                        + "&perPage=5&responseTimeout=300&maxRetries=" + MAX_RETRIES
                        + "&delay=50&initialDelay=0&pollStrategy=#polls")
                        .routeId("campaign")
                        .process(e -> delivered
                                .add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class)));
            }
        });
    }

    /** Waits for every attachment and two more successful polls (where a late duplicate would show), then counts. */
    private Outcome outcome(String fault, String expected) throws InterruptedException {
        await("every attachment", () -> new HashSet<>(delivered).containsAll(seeded));
        int successes = polls.successes;
        await("two more successful polls", () -> polls.successes >= successes + 2);
        Map<String, Integer> times = new HashMap<>();
        delivered.forEach(id -> times.merge(id, 1, Integer::sum));
        Map<String, Integer> duplicated = new TreeMap<>(times);
        duplicated.values().removeIf(n -> n == 1);
        Set<String> lost = new HashSet<>(seeded);
        lost.removeAll(times.keySet());
        String seen = polls.failures.isEmpty()
                ? "no failed poll"
                : polls.failures.size() + " failed poll(s): " + polls.failures.get(0).getMessage();
        System.out.printf("FAULT-CAMPAIGN | %s | %s | %s | attachments %d | delivered %d | lost %d | duplicated %d%n", fault,
                expected, seen, seeded.size(), delivered.size(), lost.size(), duplicated.size());
        assertEquals(Set.of(), lost, "lost");
        assertEquals(Map.of(), duplicated, "delivered twice");
        return new Outcome(polls.failures);
    }

    private record Outcome(List<Exception> failures) {

        /** The failure the poll strategy saw first, as the one record that failed. */
        ZohoAttachmentsPollException onlyFailure(String record) {
            assertEquals(1, failures.size(), "one failed poll, then recovery: " + failures);
            ZohoAttachmentsPollException e = assertInstanceOf(ZohoAttachmentsPollException.class, failures.get(0));
            assertEquals(Set.of(record), e.getFailures().keySet());
            return e;
        }
    }

    // ---- slow and broken connections

    @Test
    void latencySpikeBeyondTheResponseTimeoutIsRetriedUnnoticed() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(MAX_RETRIES).withDelay(Duration.ofSeconds(1));
        startConsumer();

        Outcome outcome = outcome("latency spike of 1 s (responseTimeout 300 ms) on 2 requests",
                "WARN per retry, nothing else");
        assertEquals(List.of(), outcome.failures());
    }

    @Test
    void latencySpikeOutlastingTheRetriesFailsOnePollOfThatRecord() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(STORM).withDelay(Duration.ofSeconds(1));
        startConsumer();

        ZohoAttachmentsPollException e = outcome("latency spike of 1 s on 3 requests (> maxRetries)",
                "one failed poll naming the record; others delivered").onlyFailure(R1);
        assertTrue(e.getMessage().startsWith("Polling 1 of 3 Leads records failed: " + R1 + ": GET /crm/v8/Leads/" + R1
                + "/Attachments failed after 3 attempt(s): SocketTimeoutException"),
                e.getMessage());
    }

    @Test
    void connectionResetMidBodyOutlastingTheRetries() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(STORM).withTruncatedBody();
        startConsumer();

        ZohoAttachmentsPollException e = outcome("connection closed mid-body (truncated) on 3 requests",
                "one failed poll naming the record").onlyFailure(R1);
        assertTrue(e.getMessage().contains("failed after 3 attempt(s): ConnectionClosedException"), e.getMessage());
    }

    @Test
    void connectionResetBeforeAnyAnswerOutlastingTheRetries() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(STORM).withConnectionReset();
        startConsumer();

        ZohoAttachmentsPollException e = outcome("connection closed without an answer on 3 requests",
                "one failed poll naming the record").onlyFailure(R1);
        assertTrue(e.getMessage().contains("failed after 3 attempt(s): NoHttpResponseException"), e.getMessage());
    }

    // ---- error storms

    @Test
    void serverErrorStormsOnTwoRecords() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(STORM).withInternalError();
        zoho.fail("GET", R2_LISTING).times(STORM).withServiceUnavailable();
        startConsumer();

        Outcome outcome = outcome("5xx storm: 500 x3 on one record, 503 x3 on another",
                "one failed poll naming both records; the third delivered");
        ZohoAttachmentsPollException e = assertInstanceOf(ZohoAttachmentsPollException.class, outcome.failures().get(0));
        assertEquals(1, outcome.failures().size());
        assertEquals(Set.of(R1, R2), e.getFailures().keySet());
        assertTrue(
                e.getMessage().contains("INTERNAL_ERROR (HTTP 500)")
                        && e.getMessage().contains("SERVICE_UNAVAILABLE (HTTP 503)"),
                e.getMessage());
    }

    @Test
    void tooManyRequestsStormLongerThanMaxRetries() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(STORM).withTooManyRequests();
        startConsumer();

        ZohoAttachmentsPollException e = outcome("429 storm: 3 in a row (> maxRetries)", "one failed poll naming the record")
                .onlyFailure(R1);
        ZohoApiException cause = assertInstanceOf(ZohoApiException.class, e.getCause());
        assertEquals("TOO_MANY_REQUESTS", cause.getCode());
        assertEquals(3, cause.getAttempts());
    }

    // ---- authentication

    @Test
    void accessTokenRevokedMidPagingIsRefreshedAndPagingGoesOn() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).withDelay(Duration.ZERO); // page 1 as usual
        zoho.fail("GET", R1_LISTING).withZohoError(401, "INVALID_TOKEN", "invalid oauth token"); // page 2: revoked
        startConsumer();

        Outcome outcome = outcome("access token revoked between page 1 and page 2", "nothing: one more token minted");
        assertEquals(List.of(), outcome.failures());
        assertEquals(2, zoho.tokensMinted());
    }

    // ---- bodies that are not what they claim

    @Test
    void malformedJsonOutlastingTheRetries() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(STORM).withMalformedJson();
        startConsumer();

        ZohoAttachmentsPollException e = outcome("HTTP 200 with an HTML body, 3 in a row", "one failed poll naming the record")
                .onlyFailure(R1);
        assertTrue(e.getMessage().contains("malformed response body: <html><body><h1>502 Bad Gateway"), e.getMessage());
    }

    @Test
    void truncatedJsonOutlastingTheRetries() throws Exception {
        seed();
        zoho.fail("GET", R1_LISTING).times(STORM).withStatus(200, "{\"data\":[{\"id\":\"4876876000001000001\",\"File_Na");
        startConsumer();

        ZohoAttachmentsPollException e = outcome("HTTP 200 with JSON cut short, 3 in a row",
                "one failed poll naming the record")
                .onlyFailure(R1);
        assertTrue(e.getMessage().contains("malformed response body: {\"data\":[{\"id\":\"4876876000001000001\",\"File_Na"),
                e.getMessage());
    }

    @Test
    void pageWithoutInfoEndsTheListingEarlyAndTheRestComesNextPoll() throws Exception {
        seed();
        String page1 = firstPageBody(R1);
        String withoutInfo = page1.substring(0, page1.indexOf(",\"info\"")) + "}";
        List<String> newestFive = zoho.attachments("Leads", R1).subList(0, 5).stream().map(a -> (String) a.get("id")).toList();
        zoho.fail("GET", R1_LISTING).withStatus(200, withoutInfo);
        startConsumer();

        Outcome outcome = outcome("a page without its info object (more_records unknown)",
                "nothing: the rest of the record comes next poll");
        assertEquals(List.of(), outcome.failures());
        List<String> r1Deliveries = delivered.stream().filter(id -> seeded.indexOf(id) < 12).toList();
        assertEquals(Set.copyOf(newestFive), Set.copyOf(r1Deliveries.subList(0, 5)), "the first poll read page 1 only");
    }

    // ---- pages that change under the listing

    @Test
    void pageRepeatingThePreviousPageLosesNothing() throws Exception {
        zoho.setPageTokenMode(PageTokenMode.NEVER);
        seed();
        String page1 = firstPageBody(R1);
        List<String> page2 = zoho.attachments("Leads", R1).subList(5, 10).stream().map(a -> (String) a.get("id")).toList();
        zoho.fail("GET", R1_LISTING).withDelay(Duration.ZERO); // page 1 as usual
        zoho.fail("GET", R1_LISTING).withStatus(200, page1); // page 2 repeats page 1
        startConsumer();

        Outcome outcome = outcome("page 2 repeats page 1's items (page numbers)",
                "nothing: page 2's real items come next poll");
        assertEquals(List.of(), outcome.failures());
        List<String> r1Deliveries = delivered.stream().filter(id -> seeded.indexOf(id) < 12).toList();
        assertEquals(Set.copyOf(page2), Set.copyOf(r1Deliveries.subList(7, 12)), "page 2's items came in a later poll");
    }

    @Test
    void pageRepeatingThePreviousPageTokenFailsThatPollOfTheRecord() throws Exception {
        seed();
        String page1 = firstPageBody(R1);
        zoho.fail("GET", R1_LISTING).withDelay(Duration.ZERO); // page 1 as usual, with a token for page 2
        zoho.fail("GET", R1_LISTING).withStatus(200, page1); // page 2 repeats page 1, token included
        startConsumer();

        ZohoAttachmentsPollException e = outcome("page 2 repeats page 1, next_page_token included (page tokens)",
                "one failed poll naming the record (loop guard)").onlyFailure(R1);
        assertTrue(e.getMessage().contains("next_page_token repeats the token just used"), e.getMessage());
    }

    @Test
    void attachmentDeletedBetweenTwoPagesShiftsOneIntoALaterPoll() throws Exception {
        seed();
        // Zoho lists newest first: page 1 is served, then its newest attachment is deleted, so every later one moves up
        // a place and the first of page 2 slips onto page 1, which this listing has already read.
        String page1 = firstPageBody(R1);
        List<String> r1NewestFirst = zoho.attachments("Leads", R1).stream().map(a -> (String) a.get("id")).toList();
        String deleted = r1NewestFirst.get(0);
        String slipped = r1NewestFirst.get(5);
        zoho.removeAttachment("Leads", R1, deleted);
        zoho.fail("GET", R1_LISTING).withStatus(200, page1); // page 1 as it was before the delete
        startConsumer();

        Outcome outcome = outcome("an attachment deleted between page 1 and page 2",
                "nothing: the one that slipped to page 1 comes next poll");
        assertEquals(List.of(), outcome.failures());
        assertEquals(1, delivered.stream().filter(deleted::equals).count(), "listed before its deletion: delivered once");
        List<String> r1Deliveries = delivered.stream().filter(r1NewestFirst::contains).toList();
        assertEquals(slipped, r1Deliveries.get(r1Deliveries.size() - 1), "the slipped one came in a later poll");
    }

    /** Page 1 of a record exactly as the server gives it now, pages of 5. */
    private String firstPageBody(String record) throws IOException, InterruptedException {
        zoho.addAccessToken("campaign-token");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(zoho.baseUrl()
                + "/crm/v8/Leads/" + record + "/Attachments?per_page=5&page=1&fields="
                + URLEncoder.encode(ZohoAttachmentsClient.DEFAULT_FIELDS, StandardCharsets.UTF_8)))
                .header("Authorization", "Zoho-oauthtoken campaign-token").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        zoho.clearRequests();
        return response.body();
    }

}
