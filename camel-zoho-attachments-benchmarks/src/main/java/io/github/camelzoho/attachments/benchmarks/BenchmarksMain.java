package io.github.camelzoho.attachments.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the benchmarks against the bundled Zoho-compatible server on loopback, prints the table and writes it to
 * {@code <out>/results.csv} and {@code <out>/results.md}. Started by {@code mvn -B -DskipTests -Pbenchmarks package} from the
 * root; arguments ({@code name=value}) go in {@code -Dbenchmarks.args="..."}:
 * <ul>
 * <li>{@code only} which benchmarks, default {@code list,poll,tokens,memory,download};</li>
 * <li>{@code list-latency-ms} (comma-separated, default 0), {@code list-warmup-rounds} (10), {@code list-rounds} (30),
 * {@code list-block} (50 calls per variant per round);</li>
 * <li>{@code poll-records} (1000), {@code poll-latency-ms} (50), {@code poll-limit} (maxConcurrentRequests, 10);</li>
 * <li>{@code token-threads} (100), {@code token-calls} per thread (1000), {@code token-rounds} (4);</li>
 * <li>{@code memory-records} (500), {@code memory-per-record} (200), {@code memory-heap} (64m), {@code memory-per-poll}
 * (maxMessagesPerPoll, default: the consumer's own);</li>
 * <li>{@code download-mb} (50), {@code download-heap} (32m), {@code download-runs} (3);</li>
 * <li>{@code module-records} (10000), {@code module-per-record} (2), {@code module-new} (100), {@code module-latency-ms}
 * (20);</li>
 * <li>{@code profile} (false): afterwards, record benchmarks 1 and 2 with JFR into {@code <out>} and summarise them;
 * {@code profile-calls} (3000).</li>
 * </ul>
 */
public final class BenchmarksMain {

    static final String COMMAND = "mvn -B -DskipTests -Pbenchmarks package";

    private BenchmarksMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(args);
        Path out = Path.of(settings.string("out", "target/benchmarks"));
        List<String> only = settings.list("only", "list,poll,tokens,memory,download,module");
        List<Integer> listLatencies = settings.integers("list-latency-ms", "0");
        int listWarmup = settings.integer("list-warmup-rounds", 10);
        int listRounds = settings.integer("list-rounds", 30);
        int listBlock = settings.integer("list-block", 50);
        int pollRecords = settings.integer("poll-records", 1000);
        int pollLatency = settings.integer("poll-latency-ms", 50);
        int pollLimit = settings.integer("poll-limit", 10);
        int tokenThreads = settings.integer("token-threads", 100);
        int tokenCalls = settings.integer("token-calls", 1000);
        int tokenRounds = settings.integer("token-rounds", 4);
        int memoryRecords = settings.integer("memory-records", 500);
        int memoryPerRecord = settings.integer("memory-per-record", 200);
        String memoryHeap = settings.string("memory-heap", "64m");
        int memoryPerPoll = settings.integer("memory-per-poll", -1);
        int downloadMb = settings.integer("download-mb", 50);
        String downloadHeap = settings.string("download-heap", "32m");
        int downloadRuns = settings.integer("download-runs", 3);
        int moduleRecords = settings.integer("module-records", 10_000);
        int modulePerRecord = settings.integer("module-per-record", 2);
        int moduleNew = settings.integer("module-new", 100);
        int moduleLatency = settings.integer("module-latency-ms", 20);
        Profiler profiler = new Profiler(settings.bool("profile", false), out);
        int profileCalls = settings.integer("profile-calls", 3000);
        settings.rejectUnknown();
        for (String name : only) {
            if (!List.of("list", "poll", "tokens", "memory", "download", "module").contains(name)) {
                throw new IllegalArgumentException(
                        "only=" + name + ": known benchmarks are list, poll, tokens, memory, download, module");
            }
        }

        Machine machine = Machine.describe();
        System.out.println(machine.text());
        ResultTable table = new ResultTable();
        long start = System.nanoTime();
        if (only.contains("list")) {
            for (int latency : listLatencies) {
                new ListBenchmark(latency, listWarmup, listRounds, listBlock, profileCalls).run(table, profiler);
            }
        }
        if (only.contains("poll")) {
            new PollBenchmark(pollRecords, pollLatency, pollLimit).run(table, profiler);
        }
        if (only.contains("tokens")) {
            new TokenBenchmark(tokenThreads, tokenCalls, tokenRounds).run(table);
        }
        if (only.contains("memory")) {
            new MemoryBenchmark(memoryRecords, memoryPerRecord, memoryHeap, memoryPerPoll).run(table);
        }
        if (only.contains("download")) {
            new DownloadBenchmark(downloadMb, downloadHeap, downloadRuns).run(table);
        }

        if (only.contains("module")) {
            new ModuleWatchBenchmark(moduleRecords, modulePerRecord, moduleNew, moduleLatency).run(table);
        }

        System.out.printf("%nResults (%.0f s)%n%n", (System.nanoTime() - start) / 1e9);
        table.print(System.out);
        table.writeCsv(out.resolve("results.csv"));
        table.writeMarkdown(out.resolve("results.md"), machine, settings.given(), COMMAND);
        System.out.println();
        System.out.println(machine.text());
        System.out.println("Written: " + out.resolve("results.csv") + ", " + out.resolve("results.md"));
        // The JDK HttpClient's selector and Camel's threads would otherwise outlive the table by a while.
        System.exit(0);
    }
}
