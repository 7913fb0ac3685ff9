package io.github.camelzoho.attachments.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * The consumer side of {@link MemoryBenchmark}, in a JVM with a small heap: consumes until every attachment arrived and a poll
 * then finds nothing new, and prints one {@code RESULT} line with two peaks. Peak heap after any GC is the largest sum of the
 * heap pools' usage right after a collection, from the GC notifications; a G1 young collection leaves old-generation garbage in
 * place, so it is an upper bound that swings from run to run. Peak live heap is the largest heap usage right after a full GC,
 * which a sampler thread forces every {@value #LIVE_SAMPLE_MS} ms: what the consumer really holds at that moment.
 */
public final class MemoryFork {

    static final long LIVE_SAMPLE_MS = 250;

    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
    private static final AtomicLong PEAK_LIVE = new AtomicLong();

    private MemoryFork() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        String refreshToken = args[1];
        int records = Integer.parseInt(args[2]);
        long expected = Long.parseLong(args[3]);
        int maxMessagesPerPoll = Integer.parseInt(args[4]);
        watchGc();

        Map<String, Object> keys = new ConcurrentHashMap<>();
        MemoryIdempotentRepository repository = new MemoryIdempotentRepository(keys);
        AtomicLong delivered = new AtomicLong();
        CountDownLatch drained = new CountDownLatch(1);
        PollingConsumerPollStrategy idleWatch = new PollingConsumerPollStrategy() {

            @Override
            public boolean begin(Consumer consumer, Endpoint endpoint) {
                // Once drained, no more polls: the listing requests counted are those of the delivering round and of
                // the one poll that found nothing new, not of polls that happen to start while the JVM shuts down.
                return drained.getCount() > 0;
            }

            @Override
            public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
                if (polledMessages == 0 && delivered.get() >= expected) {
                    drained.countDown();
                }
            }

            @Override
            public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
                System.out.println("poll failed: " + cause);
                return false;
            }
        };
        long start;
        try (Zoho.Camel running = Zoho.camel(baseUrl, refreshToken, config -> {
        })) {
            CamelContext camel = running.context();
            camel.getRegistry().bind("repository", repository);
            camel.getRegistry().bind("idleWatch", idleWatch);
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("zoho-attachments:list?module=" + Zoho.MODULE + "&recordId="
                            + String.join(",", Zoho.recordIds(records))
                            + "&idempotentRepository=#repository&pollStrategy=#idleWatch&greedy=true&initialDelay=0&delay=50"
                            + (maxMessagesPerPoll >= 0 ? "&maxMessagesPerPoll=" + maxMessagesPerPoll : ""))
                            .routeId("consumer").autoStartup(false)
                            .process(exchange -> {
                                if (exchange.getMessage().getBody(ZohoAttachment.class).getId() != null) {
                                    delivered.incrementAndGet();
                                }
                            });
                }
            });
            Thread sampler = new Thread(() -> {
                while (drained.getCount() > 0) {
                    System.gc();
                    PEAK_LIVE.accumulateAndGet(heapUsed(), Math::max);
                    try {
                        Thread.sleep(LIVE_SAMPLE_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-heap-sampler");
            sampler.setDaemon(true);
            camel.start();
            System.gc();
            long idle = heapUsed();
            start = System.nanoTime();
            camel.getRouteController().startRoute("consumer");
            sampler.start();
            if (!drained.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + delivered.get() + " of " + expected + " delivered in 5 minutes");
            }
            long elapsed = System.nanoTime() - start;
            sampler.interrupt();
            System.gc();
            long live = heapUsed();
            System.out.println(Fork.RESULT + String.format(Locale.ROOT,
                    "delivered=%d remembered=%d maxHeapMb=%.1f idleMb=%.1f peakAfterGcMb=%.1f peakLiveMb=%.1f"
                            + " finalLiveMb=%.1f perSecond=%.0f",
                    delivered.get(), keys.size(), Runtime.getRuntime().maxMemory() / 1048576.0, idle / 1048576.0,
                    PEAK_AFTER_GC.get() / 1048576.0, PEAK_LIVE.get() / 1048576.0, live / 1048576.0,
                    delivered.get() / (elapsed / 1e9)));
        }
    }

    private static void watchGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static boolean isHeap(String poolName) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().anyMatch(p -> p.getName().equals(poolName) && p.getType() == MemoryType.HEAP);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
