package io.github.camelzoho.attachments;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared idempotent repository (a database in a cluster) fails while attachments are being delivered: the consumer reports
 * it, delivers nothing twice, loses nothing, and records every delivery once the repository is back, so that a successor (a
 * restart, another replica) does not deliver them again.
 */
class ZohoAttachmentsRepositoryOutageTest extends ZohoTestSupport {

    private static final String R1 = "4876876000000000001";

    /** An in-memory repository that fails like a database that is down. */
    static final class OutageRepository extends ServiceSupport implements IdempotentRepository {

        private final IdempotentRepository stored = MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        volatile boolean down;

        private void check() {
            if (down) {
                throw new IllegalStateException("Could not open JDBC Connection: database is down");
            }
        }

        @Override
        public boolean add(String key) {
            check();
            return stored.add(key);
        }

        @Override
        public boolean contains(String key) {
            check();
            return stored.contains(key);
        }

        @Override
        public boolean remove(String key) {
            check();
            return stored.remove(key);
        }

        @Override
        public boolean confirm(String key) {
            return true;
        }

        @Override
        public void clear() {
            stored.clear();
        }

        boolean holds(String key) {
            return stored.contains(key);
        }
    }

    private final OutageRepository repository = new OutageRepository();
    private final RecordingPollStrategy pollStrategy = new RecordingPollStrategy();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @Test
    void deliveriesCompletedWhileTheRepositoryIsDownAreRecordedWhenItIsBack() throws Exception {
        List<String> seeded = zoho.seedAttachments("Leads", R1, 3).stream().map(a -> (String) a.get("id")).toList();
        context.getRegistry().bind("repository", repository);
        context.getRegistry().bind("pollStrategy", pollStrategy);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("zoho-attachments:list?module=Leads&recordId=" + R1 + "&delay=50&initialDelay=0"
                        + "&idempotentRepository=#repository&pollStrategy=#pollStrategy")
                        .routeId("watch")
                        .process(e -> {
                            delivered.add(e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class));
                            if (delivered.size() == 1) {
                                repository.down = true; // the database goes down while the batch is being delivered
                            }
                        });
            }
        });

        await("the first delivery and two failed polls", () -> delivered.size() == 1 && pollStrategy.failures.size() >= 2);
        assertEquals(seeded.subList(0, 1), delivered, "oldest first; the rest waits: it cannot be checked against the"
                + " repository, and emitting it unchecked could deliver it twice");
        assertTrue(pollStrategy.failures.get(0).getMessage().contains("database is down"),
                "the failing repository is reported: " + pollStrategy.failures.get(0));

        int successesBefore = pollStrategy.successes;
        repository.down = false;
        await("the rest, and two polls after the repository is back",
                () -> delivered.size() == 3 && pollStrategy.successes >= successesBefore + 2);
        assertEquals(seeded, delivered, "each once, oldest first");
        for (String id : seeded) {
            assertTrue(repository.holds("Leads/" + R1 + "/" + id), id + " is recorded as delivered");
        }

        // A successor starts with what the repository holds: it delivers nothing again.
        context.getRouteController().stopRoute("watch");
        int successesAtRestart = pollStrategy.successes;
        context.getRouteController().startRoute("watch");
        await("two polls after a restart", () -> pollStrategy.successes >= successesAtRestart + 2);
        assertEquals(seeded, delivered, "nothing delivered twice");
    }

}
