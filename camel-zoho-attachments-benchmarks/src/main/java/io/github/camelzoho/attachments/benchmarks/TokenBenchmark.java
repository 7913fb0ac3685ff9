package io.github.camelzoho.attachments.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * Benchmark 3: what the refresh-token grant costs. Many threads call {@code list} on one credential set from a cold start, so
 * they all need a token at the same moment; the server counts the tokens minted (goal: one). The same load with a fixed
 * {@code accessToken} is the baseline for throughput. The two alternate in rounds, the refresh-token one first, so it meets the
 * cold start, and both meet the same machine load; the JIT is warmed up beforehand on another credential set.
 */
final class TokenBenchmark {

    static final String NAME = "3. token cost";
    private static final String REFRESH_TOKEN = "1000.benchmark-refresh-tokens";
    /** Another refresh token of the same client: a credential set of its own, only to warm the JIT up. */
    private static final String WARMUP_REFRESH_TOKEN = "1000.benchmark-refresh-tokens-warmup";
    private static final String RECORD = Long.toString(Zoho.FIRST_RECORD);

    private final int threads;
    private final int callsPerThread;
    private final int rounds;

    TokenBenchmark(int threads, int callsPerThread, int rounds) {
        if (callsPerThread % rounds != 0) {
            throw new IllegalArgumentException(
                    "token-calls=" + callsPerThread + " must be a multiple of token-rounds=" + rounds);
        }
        this.threads = threads;
        this.callsPerThread = callsPerThread;
        this.rounds = rounds;
    }

    void run(ResultTable table) throws Exception {
        System.out.printf("%n== %s: %d threads x %d calls per credential set, in %d alternating rounds%n", NAME, threads,
                callsPerThread, rounds);
        try (ZohoTestServer zoho = Zoho.server(REFRESH_TOKEN, Duration.ZERO);
                Zoho.Camel running = Zoho.camel(zoho.baseUrl(), REFRESH_TOKEN, config -> {
                })) {
            CamelContext camel = running.context();
            zoho.seedAttachments(Zoho.MODULE, RECORD, 1);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String uri = "zoho-attachments:list?module=" + Zoho.MODULE + "&recordId=" + RECORD;
            Endpoint refreshing = camel.getEndpoint(uri);
            // An endpoint-level accessToken is another credential set: its own fixed token and its own limit of 10.
            Endpoint fixed = camel.getEndpoint(uri + "&accessToken=RAW(" + Zoho.FIXED_ACCESS_TOKEN + ")");
            // Both paths once first, the refresh-token one on another credential set: the measured set stays cold, so its
            // first round starts with every thread needing the one token at once.
            zoho.registerClient(Zoho.CLIENT_ID, Zoho.CLIENT_SECRET, WARMUP_REFRESH_TOKEN);
            Endpoint warmup = camel.getEndpoint(uri + "&refreshToken=RAW(" + WARMUP_REFRESH_TOKEN + ")");
            int warmupCalls = Math.max(1, callsPerThread / rounds / 2);
            load(template, warmup, warmupCalls);
            load(template, fixed, warmupCalls);
            int mintedBefore = zoho.tokensMinted();

            long refreshNanos = 0;
            long fixedNanos = 0;
            int perRound = callsPerThread / rounds;
            for (int round = 0; round < rounds; round++) {
                refreshNanos += load(template, refreshing, perRound);
                fixedNanos += load(template, fixed, perRound);
            }
            int minted = zoho.tokensMinted() - mintedBefore;
            double calls = (double) threads * callsPerThread;
            double refreshRate = calls / (refreshNanos / 1e9);
            double fixedRate = calls / (fixedNanos / 1e9);
            String bench = String.format(Locale.ROOT, "%s, %d threads x %,d calls", NAME, threads, callsPerThread);
            table.figure(bench, "tokens minted (refresh-token grant)", minted, "", "1", minted == 1);
            table.compare(bench, "throughput, refresh-token grant", refreshRate, "calls/s", "fixed accessToken", fixedRate,
                    "ratio >= 0.95", ratio -> ratio >= 0.95);
        }
    }

    /** Every thread makes {@code calls} calls; returns the wall time from the start signal until the last one finished. */
    private long load(ProducerTemplate template, Endpoint endpoint, int calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    for (int i = 0; i < calls; i++) {
                        int listed = template.requestBody(endpoint, null, List.class).size();
                        if (listed != 1) {
                            throw new IllegalStateException("listed " + listed + " attachments, not 1");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "token-load-" + t);
            worker.start();
            workers.add(worker);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a load thread failed", failure.get());
        }
        return elapsed;
    }
}
