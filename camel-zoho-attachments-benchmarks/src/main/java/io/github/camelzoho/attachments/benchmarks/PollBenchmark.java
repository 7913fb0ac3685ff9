package io.github.camelzoho.attachments.benchmarks;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelzoho.attachments.ZohoRecordIdSource;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * Benchmark 2: one consumer poll over many watched records with injected latency and a concurrency limit, against the physical
 * bound ceil(records / limit) x latency (no client lists N records faster while it keeps at most {@code limit} requests in
 * flight), and against a hand-written JDK HttpClient doing the same listings on {@code limit} threads, side by side.
 * <p>
 * Each record holds one attachment and {@code maxMessagesPerPoll=0}, so the first poll lists every record (one request each)
 * and emits all of them: the default cap of 500 would end that poll early, and a record with nothing new would emit nothing.
 * The second poll finds nothing new, the steady state of a consumer watching records that rarely change: it still lists every
 * record once. Each poll is the first of a route start (a long {@code delay}; the repository keeps its keys across the restart)
 * and is timed from the scheduler's begin to its commit with a {@code pollStrategy}, so the first poll's time includes the
 * route processing its exchanges.
 */
final class PollBenchmark {

    static final String NAME = "2. consumer poll";
    private static final String REFRESH_TOKEN = "1000.benchmark-refresh-poll";

    private final int records;
    private final int latencyMs;
    private final int limit;

    PollBenchmark(int records, int latencyMs, int limit) {
        this.records = records;
        this.latencyMs = latencyMs;
        this.limit = limit;
    }

    /** Times each poll from begin to commit; a failed poll is reported, not hidden. */
    static final class PollClock implements PollingConsumerPollStrategy {

        record Poll(long nanos, int messages, Exception failure) {
        }

        private final BlockingQueue<Poll> polls = new LinkedBlockingQueue<>();
        private volatile long start;

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            start = System.nanoTime();
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            polls.add(new Poll(System.nanoTime() - start, polledMessages, null));
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            polls.add(new Poll(System.nanoTime() - start, 0, cause));
            return false;
        }

        Poll next() throws InterruptedException {
            Poll poll = polls.poll(5, TimeUnit.MINUTES);
            if (poll == null) {
                throw new IllegalStateException("no poll completed within 5 minutes");
            }
            if (poll.failure() != null) {
                throw new IllegalStateException("the poll failed", poll.failure());
            }
            return poll;
        }
    }

    /** What one timed run saw: wall time, messages, listing requests, max in flight at the server and on the wire. */
    private record Run(double ms, int messages, int requests, int serverMax, int wireMax, double routeStartMs) {
    }

    void run(ResultTable table, Profiler profiler) throws Exception {
        double boundMs = Math.ceil((double) records / limit) * latencyMs;
        System.out.printf("%n== %s over %d records at %d ms injected latency, maxConcurrentRequests=%d: bound %.0f ms%n", NAME,
                records, latencyMs, limit, boundMs);
        WireConcurrency wire = new WireConcurrency();
        try (ZohoTestServer zoho = Zoho.server(REFRESH_TOKEN, Duration.ZERO);
                Zoho.Camel running = Zoho.camel(zoho.baseUrl(), REFRESH_TOKEN, config -> {
                    config.setMaxConcurrentRequests(limit);
                    config.setHttpClientConfigurer(wire);
                })) {
            CamelContext camel = running.context();
            List<String> ids = Zoho.recordIds(2 * records);
            for (String id : ids) {
                zoho.seedAttachments(Zoho.MODULE, id, 1);
            }
            List<String> measured = ids.subList(0, records);
            List<String> warmup = ids.subList(records, 2 * records);
            PollClock clock = new PollClock();
            AtomicInteger delivered = new AtomicInteger();
            camel.getRegistry().bind("pollClock", clock);
            camel.getRegistry().bind("warmupRepository", new KeepingRepository());
            camel.getRegistry().bind("repository", new KeepingRepository());
            camel.getRegistry().bind("warmupIds", (ZohoRecordIdSource) () -> warmup);
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from(uri(warmup, "warmupRepository")).routeId("warmup").autoStartup(false).process(exchange -> {
                    });
                    from(uri(measured, "repository")).routeId("poll").autoStartup(false)
                            .process(exchange -> delivered.incrementAndGet());
                    // The same watch list from a bean instead of the URI, for the route start figure only.
                    from("zoho-attachments:list?module=" + Zoho.MODULE + "&recordIdSource=#warmupIds&maxMessagesPerPoll=0"
                            + "&initialDelay=0&delay=3600000&pollStrategy=#pollClock&idempotentRepository=#warmupRepository")
                            .routeId("source").autoStartup(false).process(exchange -> {
                            });
                }
            });
            camel.start();
            RawClient raw = new RawClient(zoho.baseUrl());

            // Both sides over other records first, at the same latency: the JIT compiles their paths and both open their
            // connections, so that the measured runs compare the designs and not the warm-up.
            zoho.setLatency(Duration.ofMillis(latencyMs));
            poll(camel, "warmup", clock, zoho, wire);
            rawLanes(raw, warmup, zoho, wire);

            List<Run> runs = new ArrayList<>();
            Profiler.Work work = () -> {
                runs.add(rawLanes(raw, measured, zoho, wire));
                runs.add(poll(camel, "poll", clock, zoho, wire));
                runs.add(rawLanes(raw, measured, zoho, wire));
                runs.add(poll(camel, "poll", clock, zoho, wire));
            };
            if (profiler.enabled()) {
                profiler.record("poll-" + records + "-records-" + latencyMs + "ms", work);
            } else {
                work.run();
            }
            if (delivered.get() != records) {
                throw new IllegalStateException("the route received " + delivered.get() + " attachments, not " + records);
            }
            String bench = String.format(Locale.ROOT, "%s, %,d records @ %d ms, limit %d", NAME, records, latencyMs, limit);
            report(table, bench, "first poll (" + records + " new)", runs.get(1), runs.get(0), boundMs, records);
            report(table, bench, "second poll (nothing new)", runs.get(3), runs.get(2), boundMs, 0);
            // Not part of a poll, but what a user meets: Camel sanitises the endpoint URI with regular expressions when the
            // consumer starts, and a URI holding every record id is long.
            table.figure(bench, "route start, " + records + " ids in the recordId option", runs.get(1).routeStartMs(), "ms",
                    null, null);
            Run fromBean = poll(camel, "source", clock, zoho, wire);
            table.figure(bench, "route start, " + records + " ids from a recordIdSource bean", fromBean.routeStartMs(), "ms",
                    null, null);
        }
    }

    private static String uri(List<String> ids, String repository) {
        return "zoho-attachments:list?module=" + Zoho.MODULE + "&recordId=" + String.join(",", ids)
                + "&maxMessagesPerPoll=0&initialDelay=0&delay=3600000&pollStrategy=#pollClock&idempotentRepository=#"
                + repository;
    }

    /** Starts the route, waits for its first poll, stops it. */
    private static Run poll(CamelContext camel, String routeId, PollClock clock, ZohoTestServer zoho, WireConcurrency wire)
            throws Exception {
        reset(zoho, wire);
        long start = System.nanoTime();
        camel.getRouteController().startRoute(routeId);
        double routeStartMs = (System.nanoTime() - start) / 1e6;
        PollClock.Poll poll = clock.next();
        Run run = new Run(poll.nanos() / 1e6, poll.messages(), listings(zoho), zoho.maxInFlight(), wire.max(), routeStartMs);
        camel.getRouteController().stopRoute(routeId);
        return run;
    }

    /** The same listings by hand: {@code limit} threads taking the next record until none is left. */
    private Run rawLanes(RawClient raw, List<String> ids, ZohoTestServer zoho, WireConcurrency wire) throws Exception {
        reset(zoho, wire);
        List<HttpRequest> requests = ids.stream().map(raw::request).toList();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> lanes = new ArrayList<>();
        long start = System.nanoTime();
        for (int lane = 0; lane < limit; lane++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        if (raw.typed(requests.get(i)).size() != 1) {
                            throw new IllegalStateException("expected one attachment");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "raw-lane-" + lane);
            thread.start();
            lanes.add(thread);
        }
        for (Thread thread : lanes) {
            thread.join();
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (failure.get() != null) {
            throw new IllegalStateException("a raw lane failed", failure.get());
        }
        return new Run(ms, 0, listings(zoho), zoho.maxInFlight(), 0, 0);
    }

    private static void reset(ZohoTestServer zoho, WireConcurrency wire) {
        zoho.clearRequests();
        zoho.resetMaxInFlight();
        wire.reset();
    }

    private void report(ResultTable table, String bench, String which, Run poll, Run raw, double boundMs,
            int expectedMessages) {
        if (poll.messages() != expectedMessages || poll.requests() != records || raw.requests() != records) {
            throw new IllegalStateException(which + ": " + poll.messages() + " messages and " + poll.requests()
                    + " listing requests (raw: " + raw.requests() + "), expected " + expectedMessages + " and " + records);
        }
        table.compare(bench, which + ", wall time", poll.ms(), "ms",
                "bound ceil(" + records + "/" + limit + ") x " + latencyMs + " ms", boundMs, "ratio <= 1.05",
                ratio -> ratio <= 1.05);
        table.compare(bench, which + ", wall time vs raw", poll.ms(), "ms",
                "raw JDK HttpClient, " + limit + " threads, same listings", raw.ms(), null, null);
        table.figure(bench, which + ", max in flight, server's maxInFlight()", poll.serverMax(), "", "<= " + limit,
                poll.serverMax() <= limit);
        table.figure(bench, which + ", max in flight, client wire (sent, not yet answered)", poll.wireMax(), "",
                "<= " + limit, poll.wireMax() <= limit);
    }

    private static int listings(ZohoTestServer zoho) {
        return zoho.requests("GET", "/crm/.+/Attachments").size();
    }
}
