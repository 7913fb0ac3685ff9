package io.github.camelzoho.attachments;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route that ends in {@code seda:} completes its exchanges on another thread, after the poll moved on; with repositories that
 * take time (JDBC), the completion of an attachment's exchange (record it as delivered, release it from in-progress) overlaps
 * the next polls' look at the same key. Each case runs that completion, whole, just before the n-th repository call the polls
 * make on the key after it was emitted: whatever the point, the attachment is delivered once.
 */
class ZohoAttachmentsAsyncCompletionTest extends ZohoTestSupport {

    private static final String R1 = "4876876000000000001";
    private static final long PATIENCE_SECONDS = 10;

    /** The schedule both repositories follow for one key. */
    private static final class Choreography {

        volatile String key;
        volatile int completeBeforePollCall;
        /** The thread that runs the asynchronous part of the route, and so the exchange's completion. */
        volatile Thread completionThread;
        final AtomicInteger pollCalls = new AtomicInteger();
        final CountDownLatch completionMayRun = new CountDownLatch(1);
        final CountDownLatch completionDone = new CountDownLatch(1);
        volatile boolean completionWaited;
        volatile boolean interleaved;

        void before(String repositoryKey) throws InterruptedException {
            if (key == null || !repositoryKey.startsWith(key)) {
                return;
            }
            Thread current = Thread.currentThread();
            if (current == completionThread) {
                if (!completionWaited) {
                    completionWaited = true;
                    completionMayRun.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                }
            } else if (completionThread != null && completionDone.getCount() > 0
                    && pollCalls.getAndIncrement() == completeBeforePollCall) {
                interleaved = true;
                completionMayRun.countDown();
                completionDone.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        }

        /** The completion's last repository call: releasing the key from in-progress. */
        void afterInProgressRemove(String repositoryKey) {
            if (key != null && repositoryKey.startsWith(key) && Thread.currentThread() == completionThread) {
                completionDone.countDown();
            }
        }
    }

    /** A repository whose calls on the watched key follow the choreography. */
    private static final class ChoreographedRepository extends ServiceSupport implements IdempotentRepository {

        private final IdempotentRepository stored = MemoryIdempotentRepository
                .memoryIdempotentRepository(new ConcurrentHashMap<>());
        private final Choreography choreography;
        private final boolean inProgress;

        ChoreographedRepository(Choreography choreography, boolean inProgress) {
            this.choreography = choreography;
            this.inProgress = inProgress;
        }

        private void before(String key) {
            try {
                choreography.before(key);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean add(String key) {
            before(key);
            return stored.add(key);
        }

        @Override
        public boolean contains(String key) {
            before(key);
            return stored.contains(key);
        }

        @Override
        public boolean remove(String key) {
            before(key);
            boolean removed = stored.remove(key);
            if (inProgress) {
                choreography.afterInProgressRemove(key);
            }
            return removed;
        }

        @Override
        public boolean confirm(String key) {
            return true;
        }

        @Override
        public void clear() {
            stored.clear();
        }
    }

    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "the completion runs before the polls' repository call {0} on the key")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void anExchangeCompletingAsynchronouslyIsDeliveredOnceWhereverItsCompletionFalls(int completeBeforePollCall)
            throws Exception {
        String id = (String) zoho.seedAttachments("Leads", R1, 1).get(0).get("id");
        Choreography choreography = new Choreography();
        choreography.key = "Leads/" + R1 + "/" + id;
        choreography.completeBeforePollCall = completeBeforePollCall;
        context.getRegistry().bind("delivered", new ChoreographedRepository(choreography, false));
        context.getRegistry().bind("inProgress", new ChoreographedRepository(choreography, true));
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("zoho-attachments:list?module=Leads&recordId=" + R1 + "&delay=50&initialDelay=0"
                        + "&idempotentRepository=#delivered&inProgressRepository=#inProgress")
                        .routeId("watch")
                        .to("seda:archive");
                from("seda:archive").routeId("archive")
                        .process(e -> {
                            choreography.completionThread = Thread.currentThread();
                            delivered.add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class));
                        });
            }
        });

        await("the completion", () -> choreography.completionDone.getCount() == 0);
        int listingsNow = apiRequests().size();
        await("3 more polls", () -> apiRequests().size() >= listingsNow + 3);

        assertTrue(choreography.interleaved, "the completion ran at the chosen point");
        assertEquals(1, Collections.frequency(delivered, id), "delivered once: " + delivered);
    }
}
