package io.github.camelzoho.attachments.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * The client side of {@link DownloadBenchmark}, in a JVM with a heap smaller than the file. Each download is read with a 64 KiB
 * buffer into a SHA-256 digest and checked against the server's; the component's inside the route (its stream is closed when
 * the exchange completes), the raw one from the JDK HttpClient's {@code ofInputStream}. A probe run per variant forces a full
 * GC every 5 MiB to sample the live heap while the bytes flow; the timed runs do not.
 */
public final class DownloadFork {

    private static final long PROBE_EVERY = 5L * 1024 * 1024;

    private DownloadFork() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        String refreshToken = args[1];
        String record = args[2];
        String attachmentId = args[3];
        long size = Long.parseLong(args[4]);
        String sha256 = args[5];
        int runs = Integer.parseInt(args[6]);

        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpRequest rawRequest = HttpRequest.newBuilder(URI.create(baseUrl + "/crm/v8/" + Zoho.MODULE + "/" + record
                + "/Attachments/" + attachmentId))
                .header("Authorization", "Zoho-oauthtoken " + Zoho.FIXED_ACCESS_TOKEN).GET().build();
        try (Zoho.Camel running = Zoho.camel(baseUrl, refreshToken, config -> {
        })) {
            CamelContext camel = running.context();
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:download")
                            .to("zoho-attachments:download?module=" + Zoho.MODULE + "&recordId=" + record + "&attachmentId="
                                    + attachmentId)
                            .process(exchange -> {
                                boolean probe = exchange.getProperty("probe", Boolean.class);
                                try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
                                    exchange.setProperty("digest", Digest.of(in, probe));
                                }
                            });
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Download component = probe -> {
                Exchange done = template.send("direct:download", e -> e.setProperty("probe", probe));
                if (done.getException() != null) {
                    throw done.getException();
                }
                return done.getProperty("digest", Digest.class);
            };
            Download raw = probe -> {
                HttpResponse<InputStream> response = jdk.send(rawRequest, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                try (InputStream in = response.body()) {
                    return Digest.of(in, probe);
                }
            };

            System.gc();
            long idle = heapUsed();
            int verified = 0;
            verified += check(component.run(false), size, sha256) + check(raw.run(false), size, sha256); // warm-up
            double[] componentMBps = new double[runs];
            double[] rawMBps = new double[runs];
            for (int i = 0; i < runs; i++) {
                Digest c = component.run(false);
                Digest r = raw.run(false);
                verified += check(c, size, sha256) + check(r, size, sha256);
                componentMBps[i] = size / 1e6 / (c.nanos() / 1e9);
                rawMBps[i] = size / 1e6 / (r.nanos() / 1e9);
            }
            Digest componentProbe = component.run(true);
            Digest rawProbe = raw.run(true);
            verified += check(componentProbe, size, sha256) + check(rawProbe, size, sha256);
            System.out.println(Fork.RESULT + String.format(Locale.ROOT,
                    "verified=%d componentMBps=%.1f rawMBps=%.1f idleMb=%.1f componentPeakMb=%.1f rawPeakMb=%.1f", verified,
                    median(componentMBps), median(rawMBps), idle / 1048576.0, componentProbe.peakLive() / 1048576.0,
                    rawProbe.peakLive() / 1048576.0));
        }
    }

    /** One download, read to its end. */
    @FunctionalInterface
    private interface Download {

        Digest run(boolean probe) throws Exception;
    }

    /** What reading one download gave: length, SHA-256, time, and the largest live heap seen when probing. */
    record Digest(long bytes, String sha256, long nanos, long peakLive) {

        static Digest of(InputStream in, boolean probe) throws Exception {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long start = System.nanoTime();
            long bytes = 0;
            long nextProbe = PROBE_EVERY;
            long peak = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                bytes += n;
                if (probe && bytes >= nextProbe) {
                    System.gc();
                    peak = Math.max(peak, heapUsed());
                    nextProbe += PROBE_EVERY;
                }
            }
            return new Digest(bytes, HexFormat.of().formatHex(sha.digest()), System.nanoTime() - start, peak);
        }
    }

    private static int check(Digest digest, long size, String sha256) {
        if (digest.bytes() != size || !digest.sha256().equals(sha256)) {
            System.out.println("download differs: " + digest.bytes() + " bytes, SHA-256 " + digest.sha256());
            return 0;
        }
        return 1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
