package io.github.camelzoho.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.ZohoDeleteException;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_DEAL_ID;
import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_EMPTY_LEAD_ID;
import static io.github.camelzoho.attachments.testserver.ZohoTestServer.SAMPLE_LEAD_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Kamelet of ../kamelets bound in a route with camel-kamelet, as a Camel K or Camel JBang user binds it, against the
 * Zoho-compatible server. Credentials are given as {@code camel.kamelet.<name>.<property>} properties, the way to keep them out
 * of URIs.
 */
class KameletsTest {

    private static final String SOURCE = "zoho-crm-attachment-source";
    private static final String DELETE = "zoho-crm-attachment-delete-action";
    private static final String UPLOAD = "zoho-crm-attachment-upload-sink";

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final ObjectMapper json = new ObjectMapper();
    private CamelContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.stop();
        }
        zoho.close();
    }

    @Test
    void sourceEmitsEachNewAttachmentOnceAsJson() throws Exception {
        zoho.seedSampleData();
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("kamelet:" + SOURCE + "?module=Leads&recordIds=" + SAMPLE_LEAD_ID + "," + SAMPLE_EMPTY_LEAD_ID
                        + "&period=50").to("mock:new");
            }
        });
        MockEndpoint mock = context.getEndpoint("mock:new", MockEndpoint.class);
        mock.expectedMessageCount(4);
        mock.assertIsSatisfied(10_000);

        Set<String> fileNames = new HashSet<>();
        for (Exchange exchange : mock.getReceivedExchanges()) {
            Message message = exchange.getMessage();
            JsonNode attachment = json.readTree(message.getBody(String.class));
            fileNames.add(attachment.path("File_Name").asText());
            assertEquals(message.getHeader("CamelZohoAttachmentId"), attachment.path("id").asText());
            assertEquals(SAMPLE_LEAD_ID, message.getHeader("CamelZohoRecordId"));
            assertEquals("Leads", message.getHeader("CamelZohoModule"));
            assertEquals("application/json", message.getHeader("Content-Type"));
            assertEquals(SAMPLE_LEAD_ID, attachment.path("Parent_Id").path("id").asText());
        }
        assertEquals(Set.of("Image.jpg", "Requirements.txt", "Proposal.pdf", "Company website"), fileNames);

        // One added later comes once; ten more polls bring no duplicate.
        mock.reset();
        mock.expectedMessageCount(1);
        zoho.addAttachment("Leads", SAMPLE_LEAD_ID, "Signed-offer.pdf", new byte[]{'%', 'P', 'D', 'F'});
        mock.assertIsSatisfied(10_000);
        assertEquals("Signed-offer.pdf", json.readTree(mock.getReceivedExchanges().get(0).getMessage().getBody(String.class))
                .path("File_Name").asText());
        awaitListings(20);
        assertEquals(1, mock.getReceivedCounter());
    }

    @Test
    void sourceWithoutRecordIdsWatchesEveryRecordOfTheModuleAndNoOtherModule() throws Exception {
        zoho.seedSampleData();
        zoho.addAttachment("Leads", "4876876000000555001", "Other-lead.txt", new byte[]{'x'});
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("kamelet:" + SOURCE + "?module=Leads&period=50").to("mock:new");
            }
        });
        MockEndpoint mock = context.getEndpoint("mock:new", MockEndpoint.class);
        mock.expectedMessageCount(5);
        mock.assertIsSatisfied(10_000);

        Set<String> received = new HashSet<>();
        for (Exchange exchange : mock.getReceivedExchanges()) {
            JsonNode attachment = json.readTree(exchange.getMessage().getBody(String.class));
            received.add(exchange.getMessage().getHeader("CamelZohoRecordId") + "/" + attachment.path("File_Name").asText());
            assertEquals("Leads", exchange.getMessage().getHeader("CamelZohoModule"));
        }
        assertEquals(Set.of(SAMPLE_LEAD_ID + "/Image.jpg", SAMPLE_LEAD_ID + "/Requirements.txt",
                SAMPLE_LEAD_ID + "/Proposal.pdf", SAMPLE_LEAD_ID + "/Company website",
                "4876876000000555001/Other-lead.txt"), received);
        // No record listing: the module's attachments come from the module-level listing.
        assertEquals(List.of(), zoho.requests("GET", "/crm/v8/Leads/.*/Attachments"));
    }

    @Test
    void deleteActionDeletesTheAttachmentNamedByTheHeadersAndReturnsZohosResultAsJson() throws Exception {
        zoho.seedSampleData();
        String id = idOf("Proposal.pdf");
        startDeleteRoute();

        String result = context.createProducerTemplate().requestBodyAndHeaders("direct:delete", null,
                Map.of("CamelZohoRecordId", SAMPLE_LEAD_ID, "CamelZohoAttachmentId", id), String.class);

        JsonNode item = json.readTree(result).get(0);
        assertEquals(id, item.path("id").asText());
        assertEquals("SUCCESS", item.path("code").asText());
        assertEquals(List.of("Company website", "Requirements.txt", "Image.jpg"), fileNames());
    }

    @Test
    void deleteActionReadsAnAttachmentsJsonWhenTheHeadersAreMissing() throws Exception {
        zoho.seedSampleData();
        Map<String, Object> attachment = zoho.attachments("Leads", SAMPLE_LEAD_ID).get(0);
        startDeleteRoute();

        context.createProducerTemplate().requestBody("direct:delete", json.writeValueAsString(attachment), String.class);

        assertEquals(List.of("DELETE /crm/v8/Leads/" + SAMPLE_LEAD_ID + "/Attachments/" + attachment.get("id")),
                zoho.requests("DELETE", ".*").stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals(3, fileNames().size());
    }

    @Test
    void deleteActionNeverGuessesWhatToDelete() throws Exception {
        zoho.seedSampleData();
        startDeleteRoute();

        Exchange failed = context.createProducerTemplate().request("direct:delete",
                e -> e.getMessage()
                        .setBody("{\"File_Name\":\"Proposal.pdf\",\"Parent_Id\":{\"id\":\"" + SAMPLE_LEAD_ID + "\"}}"));

        assertInstanceOf(IllegalArgumentException.class, failed.getException());
        assertTrue(failed.getException().getMessage().contains("CamelZohoAttachmentId"), failed.getException().getMessage());
        assertEquals(List.of(), zoho.requests("DELETE", ".*"));
        assertEquals(4, fileNames().size());
    }

    @Test
    void deleteActionFailsWithEveryItemsResultWhenZohoRefusesSome() throws Exception {
        zoho.seedSampleData();
        String kept = idOf("Image.jpg");
        startDeleteRoute();

        Exchange failed = context.createProducerTemplate().request("direct:delete", e -> {
            e.getMessage().setHeader("CamelZohoRecordId", SAMPLE_LEAD_ID);
            e.getMessage().setHeader("CamelZohoAttachmentId", kept + ",4876876000009999999");
        });

        ZohoDeleteException refused = assertInstanceOf(ZohoDeleteException.class, failed.getException());
        assertEquals(List.of(kept), refused.getDeletedIds());
        assertEquals(3, fileNames().size());
    }

    @Test
    void sourceIntoDeleteActionEmptiesTheWatchedRecords() throws Exception {
        zoho.seedSampleData();
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("kamelet:" + SOURCE + "?module=Leads&recordIds=" + SAMPLE_LEAD_ID + "&period=50")
                        .to("kamelet:" + DELETE + "?module=Leads").to("mock:deleted");
            }
        });
        MockEndpoint mock = context.getEndpoint("mock:deleted", MockEndpoint.class);
        mock.expectedMessageCount(4);
        mock.assertIsSatisfied(10_000);

        assertEquals(List.of(), fileNames());
        assertEquals(4, zoho.requests("DELETE", ".*").size());
    }

    /**
     * What the source emits and what the delete action passes on is what their {@code dataTypes} declare: every header they
     * list is set, and the JSON has the keys the schema requires, no key it does not declare, each of the declared JSON type.
     */
    @Test
    void theSourceAndTheDeleteActionEmitWhatTheirDataTypesDeclare() throws Exception {
        zoho.seedSampleData();
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("kamelet:" + SOURCE + "?module=Leads&recordIds=" + SAMPLE_LEAD_ID + "&period=50").to("mock:emitted")
                        .to("kamelet:" + DELETE + "?module=Leads").to("mock:deleted");
            }
        });
        MockEndpoint emitted = context.getEndpoint("mock:emitted", MockEndpoint.class);
        MockEndpoint deleted = context.getEndpoint("mock:deleted", MockEndpoint.class);
        deleted.expectedMessageCount(4);
        deleted.assertIsSatisfied(10_000);

        JsonNode sourceOut = dataType(SOURCE, "out");
        JsonNode deleteOut = dataType(DELETE, "out");
        for (int i = 0; i < 4; i++) {
            assertMatches(sourceOut, emitted.getReceivedExchanges().get(i).getMessage());
            assertMatches(deleteOut, deleted.getReceivedExchanges().get(i).getMessage());
        }
    }

    /** The default data type of a direction of a Kamelet of ../kamelets, with the direction's headers under "headers". */
    private static JsonNode dataType(String kamelet, String direction) throws Exception {
        JsonNode declared = KameletDefinitionsTest.read(KameletDefinitionsTest.KAMELETS.resolve(kamelet + ".kamelet.yaml"))
                .path("spec").path("dataTypes").path(direction);
        com.fasterxml.jackson.databind.node.ObjectNode type = declared.path("types")
                .path(declared.path("default").asText()).deepCopy();
        type.set("headers", declared.path("headers"));
        return type;
    }

    private void assertMatches(JsonNode dataType, Message message) throws Exception {
        dataType.path("headers").fieldNames().forEachRemaining(header -> assertTrue(
                message.getHeader(header) instanceof String value && !value.isBlank(),
                header + " not set: " + message.getHeaders()));
        assertEquals(dataType.path("mediaType").asText(), message.getHeader("Content-Type"));
        assertMatchesSchema(dataType.path("schema"), json.readTree(message.getBody(String.class)), "body");
    }

    private static void assertMatchesSchema(JsonNode schema, JsonNode value, String where) {
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> {
                assertTrue(value.isObject(), where + " is not an object: " + value);
                schema.path("required").forEach(r -> assertTrue(value.has(r.asText()), where + " lacks " + r + ": " + value));
                if (schema.has("properties")) {
                    value.properties().forEach(p -> {
                        assertTrue(schema.path("properties").has(p.getKey()), where + "." + p.getKey() + " is not declared");
                        assertMatchesSchema(schema.path("properties").path(p.getKey()), p.getValue(), where + "." + p.getKey());
                    });
                }
            }
            case "array" -> {
                assertTrue(value.isArray() && !value.isEmpty(), where + " is not a non-empty array: " + value);
                value.forEach(item -> assertMatchesSchema(schema.path("items"), item, where + "[]"));
            }
            case "string" -> assertTrue(value.isTextual(), where + " is not a string: " + value);
            case "integer" -> assertTrue(value.isIntegralNumber(), where + " is not an integer: " + value);
            case "boolean" -> assertTrue(value.isBoolean(), where + " is not a boolean: " + value);
            default -> throw new AssertionError(where + ": schema type '" + type + "' not handled");
        }
    }

    @Test
    void uploadSinkUploadsTheBodyUnderItsFileNameToTheRecordTheHeaderOrThePropertyNames() throws Exception {
        zoho.seedSampleData();
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:upload").to("kamelet:" + UPLOAD + "?module=Deals&recordId=" + SAMPLE_DEAL_ID);
            }
        });
        byte[] quote = "%PDF-1.4 quote for Zylker".getBytes(StandardCharsets.UTF_8);

        context.createProducerTemplate().sendBodyAndHeader("direct:upload", quote, Exchange.FILE_NAME, "Quote-2026.pdf");
        context.createProducerTemplate().sendBodyAndHeaders("direct:upload", "renewal notes",
                Map.of("CamelZohoFileName", "Notes.txt", "CamelZohoModule", "Leads", "CamelZohoRecordId", SAMPLE_LEAD_ID));

        Map<String, Object> uploaded = zoho.attachments("Deals", SAMPLE_DEAL_ID).get(0);
        assertEquals("Quote-2026.pdf", uploaded.get("File_Name"));
        assertArrayEquals(quote, zoho.content((String) uploaded.get("id")));
        assertEquals("Notes.txt", zoho.attachments("Leads", SAMPLE_LEAD_ID).get(0).get("File_Name"));
    }

    @Test
    void fileSourceIntoUploadSinkAttachesEveryFileOfAFolder(@TempDir Path outbox) throws Exception {
        zoho.seedSampleData();
        Files.writeString(outbox.resolve("Contract-signed.pdf"), "%PDF-1.4 signed contract");
        Files.writeString(outbox.resolve("Purchase-order.csv"), "item,quantity\nseats,25\n");
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("file:" + outbox + "?noop=true&initialDelay=0").to("kamelet:" + UPLOAD + "?module=Deals&recordId="
                        + SAMPLE_DEAL_ID)
                        .to("mock:uploaded");
            }
        });
        MockEndpoint mock = context.getEndpoint("mock:uploaded", MockEndpoint.class);
        mock.expectedMessageCount(2);
        mock.assertIsSatisfied(10_000);

        Set<String> names = new HashSet<>();
        zoho.attachments("Deals", SAMPLE_DEAL_ID).forEach(a -> names.add((String) a.get("File_Name")));
        assertTrue(names.containsAll(Set.of("Contract-signed.pdf", "Purchase-order.csv")), names.toString());
        assertEquals("%PDF-1.4 signed contract", new String(zoho.content(
                (String) zoho.attachments("Deals", SAMPLE_DEAL_ID).stream()
                        .filter(a -> "Contract-signed.pdf".equals(a.get("File_Name"))).findFirst().orElseThrow().get("id")),
                StandardCharsets.UTF_8));
    }

    @Test
    void uploadSinkRefusesAMessageWithoutAFileNameBeforeSendingIt() throws Exception {
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:upload").to("kamelet:" + UPLOAD + "?module=Deals&recordId=" + SAMPLE_DEAL_ID);
            }
        });

        Exchange failed = context.createProducerTemplate().send("direct:upload",
                e -> e.getMessage().setBody(new byte[]{1, 2, 3}));

        assertInstanceOf(IllegalArgumentException.class, failed.getException());
        assertTrue(failed.getException().getMessage().contains("CamelZohoFileName"), failed.getException().getMessage());
        assertEquals(List.of(), zoho.requests("POST", "/crm/.*"));
    }

    private void startDeleteRoute() throws Exception {
        start(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:delete").to("kamelet:" + DELETE + "?module=Leads");
            }
        });
    }

    /** A context with camel-kamelet, whose Kamelets are read from the classpath (kamelets/), credentials as properties. */
    private void start(RouteBuilder routes) throws Exception {
        zoho.registerClient(ZohoTestServer.DEMO_CLIENT_ID, ZohoTestServer.DEMO_CLIENT_SECRET,
                ZohoTestServer.DEMO_REFRESH_TOKEN);
        Properties properties = new Properties();
        for (String kamelet : List.of(SOURCE, DELETE, UPLOAD)) {
            String prefix = "camel.kamelet." + kamelet + ".";
            properties.setProperty(prefix + "clientId", ZohoTestServer.DEMO_CLIENT_ID);
            properties.setProperty(prefix + "clientSecret", ZohoTestServer.DEMO_CLIENT_SECRET);
            properties.setProperty(prefix + "refreshToken", ZohoTestServer.DEMO_REFRESH_TOKEN);
            properties.setProperty(prefix + "apiDomain", zoho.baseUrl());
            properties.setProperty(prefix + "accountsDomain", zoho.baseUrl());
        }
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(routes);
        context.start();
    }

    /** Waits (bounded) until the server has answered this many more listings: polls that happened, not time that passed. */
    private void awaitListings(int more) throws InterruptedException {
        int target = zoho.requests("GET", ".+/Attachments").size() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (zoho.requests("GET", ".+/Attachments").size() < target) {
            assertTrue(System.nanoTime() < deadline, "the source stopped polling");
            Thread.sleep(10);
        }
    }

    private String idOf(String fileName) {
        return zoho.attachments("Leads", SAMPLE_LEAD_ID).stream().filter(a -> fileName.equals(a.get("File_Name")))
                .map(a -> (String) a.get("id")).findFirst().orElseThrow();
    }

    private List<String> fileNames() {
        return zoho.attachments("Leads", SAMPLE_LEAD_ID).stream().map(a -> (String) a.get("File_Name")).toList();
    }
}
