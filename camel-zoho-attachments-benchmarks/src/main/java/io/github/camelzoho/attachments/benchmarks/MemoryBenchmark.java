package io.github.camelzoho.attachments.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;

/**
 * Benchmark 4: the consumer delivering many attachments over many records in a small heap. The server stays in this JVM (its
 * 100,000 attachments are not the consumer's memory); the consumer runs in a JVM of its own started with {@code -Xmx64m} and
 * {@code -XX:+ExitOnOutOfMemoryError}, so an OutOfMemoryError anywhere ends it with a non-zero exit instead of being swallowed
 * by a thread. {@link MemoryFork} reports the peak heap after GC and what it delivered.
 */
final class MemoryBenchmark {

    static final String NAME = "4. consumer memory";
    private static final String REFRESH_TOKEN = "1000.benchmark-refresh-memory";

    private final int records;
    private final int perRecord;
    private final String maxHeap;
    private final int maxMessagesPerPoll;

    /**
     * @param maxMessagesPerPoll
     *            the consumer's option, or -1 to leave its default
     */
    MemoryBenchmark(int records, int perRecord, String maxHeap, int maxMessagesPerPoll) {
        this.records = records;
        this.perRecord = perRecord;
        this.maxHeap = maxHeap;
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    void run(ResultTable table) throws Exception {
        int total = records * perRecord;
        String perPoll = maxMessagesPerPoll < 0 ? "default maxMessagesPerPoll" : "maxMessagesPerPoll=" + maxMessagesPerPoll;
        System.out.printf("%n== %s: %,d attachments over %d records, -Xmx%s, %s%n", NAME, total, records, maxHeap, perPoll);
        try (ZohoTestServer zoho = Zoho.server(REFRESH_TOKEN, Duration.ZERO)) {
            for (String id : Zoho.recordIds(records)) {
                zoho.seedAttachments(Zoho.MODULE, id, perRecord);
            }
            Fork.Outcome fork = Fork.run(MemoryFork.class, maxHeap, List.of(zoho.baseUrl(), REFRESH_TOKEN,
                    Integer.toString(records), Integer.toString(total), Integer.toString(maxMessagesPerPoll)));
            int exit = fork.exit();
            Map<String, String> result = fork.result();
            String bench = String.format(Locale.ROOT, "%s, %,d attachments / %d records, -Xmx%s%s", NAME, total, records,
                    maxHeap,
                    maxMessagesPerPoll < 0 ? "" : ", " + perPoll);
            table.figure(bench, "exit of the -Xmx" + maxHeap + " JVM (3 = OutOfMemoryError)", exit, "", "0", exit == 0);
            if (exit != 0 || result.isEmpty()) {
                return;
            }
            long delivered = (long) fork.number("delivered");
            long remembered = (long) fork.number("remembered");
            double heapMb = fork.number("maxHeapMb");
            double peakMb = fork.number("peakAfterGcMb");
            table.figure(bench, "attachments delivered (each once)", delivered, "", Integer.toString(total),
                    delivered == total && remembered == total);
            table.figure(bench, "live heap of the started CamelContext, consumer not yet started",
                    fork.number("idleMb"), "MB", null, null);
            table.compare(bench, "peak live heap (after full GCs forced every " + MemoryFork.LIVE_SAMPLE_MS + " ms)",
                    fork.number("peakLiveMb"), "MB", "max heap", heapMb, null, null);
            table.compare(bench, "peak heap after any GC (G1 young GCs leave old garbage: upper bound)", peakMb, "MB",
                    "max heap", heapMb, null, null);
            table.figure(bench, "live heap after a full GC at the end (mostly the delivered keys)",
                    fork.number("finalLiveMb"), "MB", null, null);
            table.figure(bench, "delivery rate (with the forced GCs)", fork.number("perSecond"),
                    "attachments/s", null, null);
            // Each listing request costs Zoho API credits. The least the consumer can send: one request per page for the round
            // that delivers, and one per page for the final round that finds nothing new (it lists every record in one poll).
            int pagesPerRound = records * Math.max(1, (int) Math.ceil(perRecord / 200.0));
            int listings = zoho.requests("GET", "/crm/.+/Attachments").size();
            System.out.printf(Locale.ROOT, "   listing requests %,d for %,d pages a round (x2 rounds = %,d): %.2fx%n", listings,
                    pagesPerRound, 2 * pagesPerRound, listings / (2.0 * pagesPerRound));
            table.figure(bench, "pages a round (one per record of up to 200)", pagesPerRound, "", null, null);
            table.compare(bench, "listing requests, final poll that finds nothing new included", listings, "",
                    "2 rounds of one per page", 2 * pagesPerRound, "<= 1.1x", ratio -> ratio <= 1.1);
        }
    }
}
