package io.github.camelzoho.attachments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two consumers (two CamelContexts, as two replicas without master:) poll the same record at the same time and share both
 * repositories: the leases in the inProgressRepository and the delivered check after the claim let each attachment through one
 * of them only.
 */
class ZohoAttachmentsSharedInProgressTest extends ZohoTestSupport {

    private static final String R1 = "4876876000000000001";

    @Test
    void twoConsumersPollingTheSameRecordWithASharedInProgressRepositoryDeliverEachAttachmentOnce() throws Exception {
        List<String> seeded = zoho.seedAttachments("Leads", R1, 30).stream().map(a -> (String) a.get("id")).toList();
        IdempotentRepository delivered = MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>());
        IdempotentRepository inProgress = MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>());
        List<String> deliveries = new CopyOnWriteArrayList<>();
        CamelContext other = new DefaultCamelContext();
        try {
            pointAt(other, zoho);
            for (CamelContext replica : List.of(context, other)) {
                replica.getRegistry().bind("delivered", delivered);
                replica.getRegistry().bind("inProgress", inProgress);
                replica.addRoutes(new RouteBuilder() {

                    @Override
                    public void configure() {
                        from("zoho-attachments:list?module=Leads&recordId=" + R1 + "&delay=10&initialDelay=0"
                                + "&maxMessagesPerPoll=3&idempotentRepository=#delivered&inProgressRepository=#inProgress")
                                .process(e -> {
                                    deliveries.add(
                                            e.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class));
                                    Thread.sleep(15); // the work: the other replica polls meanwhile
                                });
                    }
                });
            }
            other.start();
            await("every attachment", () -> deliveries.containsAll(seeded));
            int listings = apiRequests().size();
            await("10 more polls", () -> apiRequests().size() >= listings + 10);
        } finally {
            other.stop();
        }

        Map<String, Integer> times = new HashMap<>();
        deliveries.forEach(id -> times.merge(id, 1, Integer::sum));
        Map<String, Integer> duplicated = new TreeMap<>(times);
        duplicated.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), duplicated, "delivered twice");
        assertEquals(seeded.size(), deliveries.size());
    }
}
