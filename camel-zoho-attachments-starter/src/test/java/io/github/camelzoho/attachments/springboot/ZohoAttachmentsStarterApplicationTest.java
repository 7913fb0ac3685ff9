package io.github.camelzoho.attachments.springboot;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.camelzoho.attachments.ZohoAttachmentsComponent;
import io.github.camelzoho.attachments.ZohoAttachmentsConfiguration;
import io.github.camelzoho.attachments.ZohoAttachmentsConstants;
import io.github.camelzoho.attachments.ZohoAttachmentsEndpoint;
import io.github.camelzoho.attachments.ZohoStartFrom;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot application as a user writes it: the component configured only in application properties
 * ({@code src/test/resources/application.properties} plus the test server's address), a YAML route in {@code classpath:camel/},
 * and Java routes, all against the bundled Zoho-compatible server.
 */
@SpringBootTest(classes = ZohoAttachmentsStarterApplicationTest.Application.class)
class ZohoAttachmentsStarterApplicationTest {

    static final ZohoTestServer ZOHO = ZohoTestServer.start();
    /** Credentials written into a route's URI only; the component's are the server's demo client. */
    static final String URI_CLIENT_ID = "1000.URICLIENT";
    static final String URI_CLIENT_SECRET = "uri-client-secret";
    static final String URI_REFRESH_TOKEN = "1000.uri-refresh-token";
    /** A deal with three attachments that only the URI-credentials route lists (the YAML consumer watches the sample deal). */
    static final String URI_DEAL_ID = "4876876000000391099";

    static {
        ZOHO.seedSampleData();
        ZOHO.seedAttachments("Deals", URI_DEAL_ID, 3);
        ZOHO.registerClient(ZohoTestServer.DEMO_CLIENT_ID, ZohoTestServer.DEMO_CLIENT_SECRET,
                ZohoTestServer.DEMO_REFRESH_TOKEN);
        ZOHO.registerClient(URI_CLIENT_ID, URI_CLIENT_SECRET, URI_REFRESH_TOKEN);
    }

    @DynamicPropertySource
    static void zohoServer(DynamicPropertyRegistry registry) {
        // the only lines a user changes to go from the test server to a real CRM: drop these two, set data-center
        registry.add("camel.component.zoho-attachments.accounts-domain", ZOHO::baseUrl);
        registry.add("camel.component.zoho-attachments.apiDomain", ZOHO::baseUrl);
    }

    @AfterAll
    static void stopServer() {
        ZOHO.close();
    }

    @SpringBootApplication
    static class Application {

        @Bean
        IdempotentRepository seenAttachments() {
            return MemoryIdempotentRepository.memoryIdempotentRepository(1000);
        }

        @Bean
        RouteBuilder javaRoutes() {
            return new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:attachments-of-lead").routeId("java-list")
                            .setHeader(ZohoAttachmentsConstants.RECORD_ID, body())
                            .to("zoho-attachments:list?module=Leads");

                    // the case: credentials in the URI; every other option must still come from the properties
                    from("direct:uri-credentials").routeId("uri-credentials")
                            .setHeader(ZohoAttachmentsConstants.RECORD_ID, body())
                            .to("zoho-attachments:list?module=Deals&clientId=" + URI_CLIENT_ID + "&clientSecret="
                                    + URI_CLIENT_SECRET + "&refreshToken=" + URI_REFRESH_TOKEN);
                }
            };
        }
    }

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    IdempotentRepository seenAttachments;

    private ZohoAttachmentsConfiguration componentConfiguration() {
        return camelContext.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration();
    }

    @Test
    void applicationPropertiesReachTheComponent() {
        ZohoAttachmentsConfiguration configuration = componentConfiguration();
        assertEquals(ZohoTestServer.DEMO_CLIENT_ID, configuration.getClientId());
        assertEquals(ZohoTestServer.DEMO_CLIENT_SECRET, configuration.getClientSecret());
        assertEquals(ZohoTestServer.DEMO_REFRESH_TOKEN, configuration.getRefreshToken());
        assertEquals(ZOHO.baseUrl(), configuration.getAccountsDomain());
        assertEquals(ZOHO.baseUrl(), configuration.getApiDomain());
        // written as max-concurrent-requests, maxRetries, per-page: relaxed names
        assertEquals(3, configuration.getMaxConcurrentRequests());
        assertEquals(2, configuration.getMaxRetries());
        assertEquals(2, configuration.getPerPage());
        // durations as Spring Boot writes them (5s, 2m) or as milliseconds
        assertEquals(5_000, configuration.getConnectTimeout());
        assertEquals(120_000, configuration.getResponseTimeout());
        assertEquals(250, configuration.getRetryInitialDelay());
        assertEquals(ZohoStartFrom.beginning, configuration.getStartFrom());
        // a bean reference
        assertSame(seenAttachments, configuration.getIdempotentRepository());
        // not set in the properties: the component's own default, untouched
        assertEquals(100L * 1024 * 1024, configuration.getMaxUploadSize());
    }

    @Test
    void aJavaRouteListsEveryPageWithThePropertiesPageSize() {
        ZOHO.clearRequests();
        @SuppressWarnings("unchecked")
        List<ZohoAttachment> attachments = producer.requestBody("direct:attachments-of-lead",
                ZohoTestServer.SAMPLE_LEAD_ID, List.class);

        assertEquals(Set.of("Image.jpg", "Requirements.txt", "Proposal.pdf", "Company website"),
                attachments.stream().map(ZohoAttachment::getFileName).collect(Collectors.toSet()));
        List<RecordedRequest> listings = ZOHO.requests("GET", "/crm/v8/Leads/" + ZohoTestServer.SAMPLE_LEAD_ID
                + "/Attachments");
        assertEquals(2, listings.size(), "4 attachments, per-page=2: two pages");
        assertEquals(List.of("2", "2"), listings.stream().map(r -> r.queryParam("per_page")).toList());
    }

    @Test
    void componentOptionsApplyWhenTheUriHoldsTheCredentials() {
        ZOHO.clearRequests();
        @SuppressWarnings("unchecked")
        List<ZohoAttachment> attachments = producer.requestBody("direct:uri-credentials", URI_DEAL_ID, List.class);

        assertEquals(3, attachments.size());
        // the token was minted at the accounts server of the properties (this test server), for the URI's client
        List<RecordedRequest> tokenRequests = ZOHO.requests("POST", "/oauth/v2/token");
        assertEquals(1, tokenRequests.size());
        assertTrue(tokenRequests.get(0).body().contains("client_id=" + URI_CLIENT_ID),
                tokenRequests.get(0).body());
        // the component's perPage=2: two pages for three attachments (the YAML route's consumer, polling meanwhile, lists
        // another deal)
        List<RecordedRequest> listings = ZOHO.requests("GET", "/crm/v8/Deals/" + URI_DEAL_ID + "/Attachments");
        assertEquals(2, listings.size(), "3 attachments, perPage=2: two pages");
        assertEquals(List.of("2", "2"), listings.stream().map(r -> r.queryParam("per_page")).toList());
        ZohoAttachmentsEndpoint endpoint = camelContext.getEndpoints().stream()
                .filter(ZohoAttachmentsEndpoint.class::isInstance).map(ZohoAttachmentsEndpoint.class::cast)
                .filter(e -> URI_CLIENT_ID.equals(e.getConfiguration().getClientId())).findFirst().orElseThrow();
        assertEquals(3, endpoint.getConfiguration().getMaxConcurrentRequests());
        assertEquals(5_000, endpoint.getConfiguration().getConnectTimeout());
    }

    @Test
    void theYamlRoutesConsumerEmitsEachAttachmentOfTheServerOnceOverFurtherPolls() throws InterruptedException {
        MockEndpoint emitted = camelContext.getEndpoint("mock:new-deal-attachments", MockEndpoint.class);
        emitted.expectedMinimumMessageCount(3);
        emitted.assertIsSatisfied(20_000);
        // a duplicate would come with a later poll: wait for two more listings of the deal (the route polls every 500 ms)
        awaitFurtherListings("/crm/v8/Deals/" + ZohoTestServer.SAMPLE_DEAL_ID + "/Attachments", 2);

        List<Exchange> exchanges = emitted.getReceivedExchanges();
        assertEquals(Set.of("Contract.pdf", "Pricing.csv", "Product-demo.mp4"), exchanges.stream()
                .map(e -> e.getMessage().getBody(ZohoAttachment.class).getFileName()).collect(Collectors.toSet()));
        assertEquals(3, exchanges.size(), "each attachment once");
        for (Exchange exchange : exchanges) {
            assertEquals(ZohoTestServer.SAMPLE_DEAL_ID,
                    exchange.getMessage().getHeader(ZohoAttachmentsConstants.RECORD_ID));
        }
        // each delivered attachment is recorded, once its exchange completed, in the repository the properties named
        // (the consumer's key: module/record id/attachment id)
        Set<String> ids = exchanges.stream()
                .map(e -> "Deals/" + ZohoTestServer.SAMPLE_DEAL_ID + "/" + e.getMessage().getBody(ZohoAttachment.class).getId())
                .collect(Collectors.toSet());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ids.stream().allMatch(seenAttachments::contains) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(ids.stream().allMatch(seenAttachments::contains), "#seenAttachments holds " + ids);
    }

    /** Waits until the server has answered {@code polls} more first-page listings of this path: polls that began later. */
    private static void awaitFurtherListings(String path, int polls) throws InterruptedException {
        long before = firstPageListings(path);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (firstPageListings(path) < before + polls) {
            assertTrue(System.nanoTime() < deadline, "no " + polls + " further polls of " + path + " within 20 s");
            Thread.sleep(50);
        }
    }

    private static long firstPageListings(String path) {
        return ZOHO.requests("GET", path).stream().filter(r -> "1".equals(r.queryParam("page"))).count();
    }
}
