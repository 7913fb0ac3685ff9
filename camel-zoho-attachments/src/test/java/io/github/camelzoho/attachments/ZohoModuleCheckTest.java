package io.github.camelzoho.attachments;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, item 1: a misspelled module on a consumer fails the route's start instead of listing nothing forever. */
class ZohoModuleCheckTest extends ZohoTestSupport {

    /** No poll during a test: only the start-up check sends a request. */
    private static final String NO_POLL = "&initialDelay=600000&delay=600000";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger checkLog;

    @BeforeEach
    void captureLogs() {
        checkLog = (Logger) LoggerFactory.getLogger("io.github.camelzoho.attachments.ModuleCheck");
        logs.start();
        checkLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        checkLog.detachAppender(logs);
    }

    private void addRoute(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from(uri).routeId("watch").log("${header.CamelZohoAttachmentId}");
            }
        });
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aMisspelledModuleFailsTheRouteStartNamingTheClosestNameAfterOneRequest() {
        Exception failed = assertThrows(Exception.class, () -> addRoute("zoho-attachments:list?module=Lead" + NO_POLL));

        Throwable cause = failed;
        while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof IllegalArgumentException, "an IllegalArgumentException in: " + failed);
        assertEquals("module 'Lead' is not a module of this CRM (Zoho answered INVALID_MODULE); did you mean 'Leads'?",
                cause.getMessage());
        List<RecordedRequest> sent = apiRequests();
        assertEquals(1, sent.size(), "the check's one request: " + sent);
        assertEquals("/crm/v8/Lead", sent.get(0).path());
        assertEquals("id", sent.get(0).queryParam("fields"));
        assertEquals("1", sent.get(0).queryParam("per_page"));
    }

    @Test
    void aModuleOfTheCrmStartsAndTheCheckCostsOneRequest() throws Exception {
        addRoute("zoho-attachments:list?module=Leads" + NO_POLL);

        assertTrue(context.getRouteController().getRouteStatus("watch").isStarted());
        List<RecordedRequest> sent = apiRequests();
        assertEquals(1, sent.size(), "the check's one request: " + sent);
        assertEquals("/crm/v8/Leads", sent.get(0).path());
        ZohoAttachmentsEndpoint endpoint = (ZohoAttachmentsEndpoint) context.getRoute("watch").getEndpoint();
        assertEquals(1, endpoint.getApiRequests(), "counted as an API credit");
        assertEquals(List.of(), warnings());
    }

    @Test
    void aServerErrorOnTheCheckDoesNotFailTheStartAndIsNotRetried() throws Exception {
        zoho.fail("GET", "/crm/v8/Leads").withInternalError();

        addRoute("zoho-attachments:list?module=Leads" + NO_POLL);

        assertTrue(context.getRouteController().getRouteStatus("watch").isStarted());
        assertEquals(1, apiRequests().size(), "sent once, not retried: " + apiRequests());
        List<String> warned = warnings();
        assertEquals(1, warned.size(), "one WARN: " + warned);
        assertTrue(warned.get(0).contains("module 'Leads'") && warned.get(0).contains("HTTP 500"), warned.get(0));
    }

    @Test
    void aRouteRestartDoesNotCheckAgain() throws Exception {
        addRoute("zoho-attachments:list?module=Leads" + NO_POLL);
        context.getRouteController().stopRoute("watch");
        context.getRouteController().startRoute("watch");

        assertEquals(1, apiRequests().size(), "one check per consumer: " + apiRequests());
    }

    @Test
    void validateModuleFalseSendsNothingAtStart() throws Exception {
        addRoute("zoho-attachments:list?module=Lead&validateModule=false" + NO_POLL);

        assertTrue(context.getRouteController().getRouteStatus("watch").isStarted());
        assertEquals(List.of(), apiRequests());
    }

    @Test
    void aRecordIdWatchIsNotChecked() throws Exception {
        // its own listing answers INVALID_MODULE at every poll, naming the path: the check would only add a request
        addRoute("zoho-attachments:list?module=Leads&recordId=" + RECORD + NO_POLL);

        assertEquals(List.of(), apiRequests());
    }

    @Test
    void theClosestStandardModuleIsSuggested() {
        assertEquals("Leads", ModuleCheck.closest("Lead"));
        assertEquals("Sales_Orders", ModuleCheck.closest("SalesOrders"));
        assertEquals("Contacts", ModuleCheck.closest("contact"));
        assertEquals("Price_Books", ModuleCheck.closest("Pricebooks"));
        assertEquals("Accounts", ModuleCheck.closest("Acounts"));
    }
}
