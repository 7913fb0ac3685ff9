package io.github.camelzoho.attachments.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;

/**
 * Benchmark 5: {@code download} of one large attachment in a heap smaller than the file, through a route that reads the stream
 * (into a SHA-256 digest, standing in for a file or an upload), against the JDK HttpClient streaming the same download by hand,
 * side by side in a {@link Fork} with a small heap. The server generates the content on the fly, so it costs the server no
 * memory either. {@link DownloadFork} reports throughput and the live heap while the bytes flow.
 */
final class DownloadBenchmark {

    static final String NAME = "5. download";
    private static final String REFRESH_TOKEN = "1000.benchmark-refresh-download";
    private static final String RECORD = Long.toString(Zoho.FIRST_RECORD);

    private final int sizeMb;
    private final String maxHeap;
    private final int runs;

    DownloadBenchmark(int sizeMb, String maxHeap, int runs) {
        this.sizeMb = sizeMb;
        this.maxHeap = maxHeap;
        this.runs = runs;
    }

    void run(ResultTable table) throws Exception {
        long size = sizeMb * 1024L * 1024L;
        System.out.printf("%n== %s of a %d MiB attachment, -Xmx%s, %d timed runs per variant%n", NAME, sizeMb, maxHeap, runs);
        try (ZohoTestServer zoho = Zoho.server(REFRESH_TOKEN, Duration.ZERO)) {
            Map<String, Object> attachment = zoho.addGeneratedAttachment(Zoho.MODULE, RECORD, "large-" + sizeMb + "MiB.bin",
                    size);
            String id = String.valueOf(attachment.get("id"));
            Fork.Outcome fork = Fork.run(DownloadFork.class, maxHeap, List.of(zoho.baseUrl(), REFRESH_TOKEN, RECORD, id,
                    Long.toString(size), zoho.contentSha256(id), Integer.toString(runs)));
            String bench = NAME + ", " + sizeMb + " MiB, -Xmx" + maxHeap;
            table.figure(bench, "exit of the -Xmx" + maxHeap + " JVM (3 = OutOfMemoryError)", fork.exit(), "", "0",
                    fork.exit() == 0);
            if (fork.exit() != 0 || fork.result().isEmpty()) {
                return;
            }
            String raw = "raw JDK HttpClient, ofInputStream";
            table.figure(bench, "downloads whose length and SHA-256 match the server's, both variants",
                    fork.number("verified"), "", Integer.toString(2 * (runs + 2)), fork.number("verified") == 2 * (runs + 2));
            table.compare(bench, "throughput, median of " + runs, fork.number("componentMBps"), "MB/s", raw,
                    fork.number("rawMBps"), null, null);
            table.figure(bench, "live heap before the download (started CamelContext)", fork.number("idleMb"), "MB", null,
                    null);
            table.compare(bench, "peak live heap while reading (full GC every 5 MiB)", fork.number("componentPeakMb"), "MB",
                    raw, fork.number("rawPeakMb"), null, null);
            table.compare(bench, "heap growth while reading (peak live minus before), against the file size",
                    fork.number("componentPeakMb") - fork.number("idleMb"), "MB", "file size", size / 1048576.0,
                    "ratio < 0.05 (the file is never held)", ratio -> ratio < 0.05);
        }
    }
}
