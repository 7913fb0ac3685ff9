package io.github.camelzoho.attachments;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API credits users see: requests counted per endpoint and per credential set, a daily budget, the default delay. */
class ZohoAttachmentsCreditsTest extends ZohoTestSupport {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final RecordingPollStrategy polls = new RecordingPollStrategy();
    private Logger endpointLog;

    ZohoAttachmentsCreditsTest() {
        testConfiguration().withJMX(true);
    }

    @BeforeEach
    void captureLogs() {
        endpointLog = (Logger) LoggerFactory.getLogger(ZohoAttachmentsEndpoint.class);
        logs.start();
        endpointLog.addAppender(logs);
        context.getRegistry().bind("polls", polls);
    }

    @AfterEach
    void releaseLogs() {
        endpointLog.detachAppender(logs);
    }

    private void route(String id, String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(uri).routeId(id).to("mock:" + id);
            }
        });
    }

    private Object jmxAttribute(String uriStart, String attribute) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(
                new ObjectName("org.apache.camel:context=" + context.getManagementName() + ",type=endpoints,*"), null);
        for (ObjectName name : names) {
            if (((String) jmx.getAttribute(name, "EndpointUri")).startsWith(uriStart)) {
                return jmx.getAttribute(name, attribute);
            }
        }
        throw new AssertionError("no endpoint " + uriStart + " in JMX: " + names);
    }

    @Test
    void jmxShowsTheRequestsEachEndpointAndEachCredentialSetSpent() throws Exception {
        zoho.seedAttachments("Leads", RECORD, 450); // 3 pages per listing
        route("watch", "zoho-attachments:list?module=Leads&recordId=" + RECORD + "&delay=20&initialDelay=0"
                + "&pollStrategy=#polls&maxMessagesPerPoll=0");
        await("3 polls", () -> polls.successes >= 3);
        context.getRouteController().stopRoute("watch");
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:deals").to("zoho-attachments:list?module=Deals&recordId=" + RECORD);
            }
        });
        template.sendBody("direct:deals", null);

        long consumerRequests = zoho.requests("GET", "/crm/v8/Leads/.+").size();
        assertEquals(consumerRequests, jmxAttribute("zoho-attachments://list?delay=20", "ApiRequests"));
        assertEquals(consumerRequests, jmxAttribute("zoho-attachments://list?delay=20", "ApiRequestsLast24Hours"));
        assertEquals(1L, jmxAttribute("zoho-attachments://list?module=Deals", "ApiRequests"));
        // both endpoints share the component's credentials: one set, every request counted once
        assertEquals((long) apiRequests().size(), jmxAttribute("zoho-attachments://list?module=Deals",
                "CredentialSetApiRequestsLast24Hours"));
        assertEquals(consumerRequests + 1, apiRequests().size());
        assertEquals(0L, jmxAttribute("zoho-attachments://list?module=Deals", "MaxRequestsPerDay"));
    }

    @Test
    void overTheDailyBudgetPollsAreSkippedWithOneWarning() throws Exception {
        zoho.seedAttachments("Leads", RECORD, 1);
        route("watch", "zoho-attachments:list?module=Leads&recordId=" + RECORD + "&delay=10&initialDelay=0"
                + "&pollStrategy=#polls&maxRequestsPerDay=5");
        await("5 requests", () -> apiRequests().size() >= 5);
        int pollsAtBudget = polls.successes;
        await("10 more (skipped) polls", () -> polls.successes >= pollsAtBudget + 10);

        assertEquals(5, apiRequests().size(), "no request past the budget");
        List<String> warnings = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("maxRequestsPerDay is 5")).toList();
        assertEquals(1, warnings.size(), logs.list.toString());
        assertTrue(warnings.get(0).contains("sent 5 API requests in the last 24 hours"), warnings.get(0));
    }

    @Test
    void theConsumerPollsOnceAMinuteUnlessDelayIsSet() throws Exception {
        route("default", "zoho-attachments:list?module=Leads&recordId=" + RECORD + "&initialDelay=600000");
        route("set", "zoho-attachments:list?module=Leads&recordId=" + RECORD + "&initialDelay=600000&delay=2500");
        route("seconds", "zoho-attachments:list?module=Deals&recordId=" + RECORD + "&initialDelay=600&timeUnit=SECONDS");

        assertEquals(60_000, ((ScheduledPollConsumer) context.getRoute("default").getConsumer()).getDelay());
        assertEquals(2_500, ((ScheduledPollConsumer) context.getRoute("set").getConsumer()).getDelay());
        assertEquals(60, ((ScheduledPollConsumer) context.getRoute("seconds").getConsumer()).getDelay());
        // Camel's catalog (option tables, tooling, Camel JBang) gives the default the consumer uses, not the scheduler's 500
        try (InputStream descriptor = getClass()
                .getResourceAsStream("/META-INF/io/github/camelzoho/attachments/zoho-attachments.json")) {
            JsonNode delay = new ObjectMapper().readTree(descriptor).path("properties").path("delay");
            assertEquals("60000", delay.path("defaultValue").asText(), delay.toString());
        }
    }

    @Test
    void aNegativeBudgetIsRefusedNamingTheOption() {
        Exception e = assertThrows(Exception.class, () -> route("bad",
                "zoho-attachments:list?module=Leads&recordId=" + RECORD + "&maxRequestsPerDay=-1"));
        String messages = e + " " + e.getCause();
        assertTrue(messages.contains("maxRequestsPerDay") && messages.contains("-1"), messages);
        assertEquals(0, zoho.requests().size());
    }
}
