package io.github.camelzoho.attachments.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * Benchmark 1: {@code list} of one record with 200 attachments through the component (a {@link ProducerTemplate}) against the
 * same request made by hand with the JDK's {@link HttpClient} and Jackson, per call, single caller thread.
 * <p>
 * The variants are interleaved in blocks whose order rotates every round, in one JVM against one server, so that JIT, GC and
 * the load other processes put on the shared cores fall on every variant alike; the ratio of two medians measured that way is
 * far steadier than two figures taken one after the other.
 */
final class ListBenchmark {

    static final String NAME = "1. list 200 attachments";
    private static final String RECORD = Long.toString(Zoho.FIRST_RECORD);
    private static final String REFRESH_TOKEN = "1000.benchmark-refresh-list";

    /** One way of listing the record. */
    interface Variant {

        /** The number of attachments listed. */
        int call() throws Exception;
    }

    private final int latencyMs;
    private final int warmupRounds;
    private final int rounds;
    private final int block;
    private final int profileCalls;

    ListBenchmark(int latencyMs, int warmupRounds, int rounds, int block, int profileCalls) {
        this.latencyMs = latencyMs;
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.block = block;
        this.profileCalls = profileCalls;
    }

    void run(ResultTable table, Profiler profiler) throws Exception {
        System.out.printf("%n== %s at %d ms injected latency: %d warm-up + %d measured rounds of %d calls per variant%n", NAME,
                latencyMs, warmupRounds, rounds, block);
        try (ZohoTestServer zoho = Zoho.server(REFRESH_TOKEN, Duration.ofMillis(latencyMs));
                Zoho.Camel running = Zoho.camel(zoho.baseUrl(), REFRESH_TOKEN, config -> {
                })) {
            CamelContext camel = running.context();
            zoho.seedAttachments(Zoho.MODULE, RECORD, 200);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Endpoint endpoint = camel.getEndpoint("zoho-attachments:list?module=" + Zoho.MODULE + "&recordId=" + RECORD);
            RawClient raw = new RawClient(zoho.baseUrl());
            // The request the component sends, built once: the leanest a hand-written client can be.
            HttpRequest request = raw.request(RECORD);

            Variant component = () -> template.requestBody(endpoint, null, List.class).size();
            Variant rawTyped = () -> raw.typed(request).size();
            Variant rawTree = () -> raw.treeSize(request);
            List<?> viaComponent = template.requestBody(endpoint, null, List.class);
            if (!viaComponent.equals(raw.typed(request))) {
                // The baseline must compute what the component computes, or the ratio means nothing.
                throw new IllegalStateException("the component and the raw client list different attachments");
            }

            String[] names = {"component", "raw typed", "raw tree"};
            Variant[] variants = {component, rawTyped, rawTree};
            long[][] samples = new long[variants.length][rounds * block];
            measure(variants, null, null, warmupRounds);
            long[][] cpu = new long[variants.length][3];
            measure(variants, samples, cpu, rounds);

            Stats[] stats = new Stats[variants.length];
            for (int v = 0; v < variants.length; v++) {
                stats[v] = Stats.of(samples[v], rounds * block);
                System.out.printf("  %-10s median %.3f ms, p99 %.3f ms, mean %.3f ms (%d calls)%n", names[v],
                        stats[v].medianMs(), stats[v].p99Ms(), stats[v].meanMs(), stats[v].count());
            }
            String bench = NAME + " @ " + latencyMs + " ms";
            String baseline = "raw JDK HttpClient + Jackson into ZohoAttachment";
            boolean goal = latencyMs == 0;
            table.compare(bench, "median per call", stats[0].medianMs(), "ms", baseline, stats[1].medianMs(),
                    goal ? "ratio <= 1.05" : null, goal ? ratio -> ratio <= 1.05 : null);
            table.compare(bench, "p99 per call", stats[0].p99Ms(), "ms", baseline, stats[1].p99Ms(), null, null);
            double[] spread = perRoundRatios(samples[0], samples[1]);
            System.out.printf("  per-round ratio of medians component/raw typed: p25 %.3f, p50 %.3f, p75 %.3f%n", spread[0],
                    spread[1], spread[2]);
            table.figure(bench, String.format(Locale.ROOT, "ratio of per-round medians, p50 (p25..p75: %.3f..%.3f)", spread[0],
                    spread[2]), spread[1], "", null, null);
            int calls = rounds * block;
            for (int v = 0; v < variants.length; v++) {
                System.out.printf("  %-10s CPU per call: %.3f ms in the JVM: %.3f ms test server, %.3f ms client threads%n",
                        names[v], cpu[v][0] / 1e6 / calls, cpu[v][1] / 1e6 / calls, cpu[v][2] / 1e6 / calls);
            }
            table.compare(bench, "CPU per call, whole JVM (test server, GC, JIT included)", cpu[0][0] / 1e6 / calls, "ms",
                    baseline, cpu[1][0] / 1e6 / calls, null, null);
            table.compare(bench, "CPU per call, client threads only", cpu[0][2] / 1e6 / calls, "ms", baseline,
                    cpu[1][2] / 1e6 / calls, null, null);
            table.compare(bench, "median per call, vs untyped", stats[0].medianMs(), "ms",
                    "raw JDK HttpClient + Jackson tree only", stats[2].medianMs(), null, null);

            if (profiler.enabled()) {
                profiler.record("list-component-" + latencyMs + "ms", () -> repeat(component, profileCalls));
                profiler.record("list-raw-" + latencyMs + "ms", () -> repeat(rawTyped, profileCalls));
            }
        }
    }

    /**
     * Rounds of one block per variant; the variant that goes first rotates every round. Adds each variant's CPU time to
     * {@code cpu[v]}: {process, test server threads, other Java threads}.
     */
    private void measure(Variant[] variants, long[][] samples, long[][] cpu, int roundCount) throws Exception {
        int[] filled = new int[variants.length];
        CpuMeter meter = new CpuMeter();
        for (int round = 0; round < roundCount; round++) {
            for (int k = 0; k < variants.length; k++) {
                int v = (round + k) % variants.length;
                CpuMeter.Reading before = cpu == null ? null : meter.read();
                for (int i = 0; i < block; i++) {
                    long start = System.nanoTime();
                    int listed = variants[v].call();
                    long elapsed = System.nanoTime() - start;
                    if (listed != 200) {
                        throw new IllegalStateException("variant " + v + " listed " + listed + " attachments, not 200");
                    }
                    if (samples != null) {
                        samples[v][filled[v]++] = elapsed;
                    }
                }
                if (cpu != null) {
                    CpuMeter.Reading after = meter.read();
                    cpu[v][0] += after.process() - before.process();
                    cpu[v][1] += after.server() - before.server();
                    cpu[v][2] += after.client() - before.client();
                }
            }
        }
    }

    /**
     * The ratio of the component's median to the raw client's within each round, where both met the same machine load: its
     * quartiles over the rounds show how far the overall ratio can be trusted on a shared machine.
     */
    private double[] perRoundRatios(long[] component, long[] raw) {
        long[] ratios = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            int from = round * block;
            long c = Stats.percentile(sorted(component, from, block), 0.5);
            long r = Stats.percentile(sorted(raw, from, block), 0.5);
            ratios[round] = Math.round(1e6 * c / r);
        }
        Arrays.sort(ratios);
        return new double[]{Stats.percentile(ratios, 0.25) / 1e6, Stats.percentile(ratios, 0.5) / 1e6,
                Stats.percentile(ratios, 0.75) / 1e6};
    }

    private static long[] sorted(long[] samples, int from, int count) {
        long[] part = Arrays.copyOfRange(samples, from, from + count);
        Arrays.sort(part);
        return part;
    }

    private static void repeat(Variant variant, int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            variant.call();
        }
    }
}
