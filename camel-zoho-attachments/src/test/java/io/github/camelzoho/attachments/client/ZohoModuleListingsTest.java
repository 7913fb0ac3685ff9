package io.github.camelzoho.attachments.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.camelzoho.attachments.testserver.PageTokenMode;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire client's whole-module listings against the test server. */
class ZohoModuleListingsTest {

    private static final String TOKEN = "1000.module-listings-token";

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final List<String> counted = new ArrayList<>();
    private final ZohoAttachmentsClient client;

    ZohoModuleListingsTest() {
        zoho.addAccessToken(TOKEN);
        client = ZohoAttachmentsClient.builder().apiDomain(zoho.baseUrl())
                .tokenProvider(new ZohoFixedAccessTokenProvider(TOKEN))
                .requestListener((method, path) -> counted.add(method + " " + path)).build();
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        zoho.close();
    }

    @Test
    void walksEveryModulePastTwoThousandAndAsksForTheWatchFields() throws Exception {
        zoho.setPageTokenMode(PageTokenMode.PAST_2000);
        zoho.seedAttachments("Leads", "1", 2_100);
        zoho.seedAttachments("Deals", "2", 1);
        Set<String> ids = new HashSet<>();

        ZohoModuleListings.Walk walk = client.moduleListings().forEachAttachmentOfEveryModule("id,File_Name", null, 200,
                (page, info) -> {
                    page.forEach(a -> {
                        ids.add(a.getId());
                        assertNotNull(a.getModule());
                        assertNotNull(a.getParent().getId());
                    });
                    return true;
                });

        assertEquals(2_101, ids.size());
        assertEquals(11, walk.requests());
        assertFalse(walk.notModified());
        assertNotNull(walk.serverTime(), "Zoho's clock from the Date header");
        assertEquals(11, counted.size(), "every request told to the listener: " + counted);
        RecordedRequest first = zoho.requests("GET", "/crm/v8/Attachments").get(0);
        assertEquals("id,File_Name,Created_Time,Modified_Time,Parent_Id,$se_module", first.queryParam("fields"));
        assertNull(first.header("If-Modified-Since"));
    }

    @Test
    void aConditionalWalkSendsIfModifiedSinceWithAnOffsetAndEndsAtA304() throws Exception {
        zoho.seedAttachments("Leads", "1", 3, Instant.now().minusSeconds(3600));
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).withNano(0);
        List<ZohoAttachment> seen = new ArrayList<>();

        ZohoModuleListings.Walk walk = client.moduleListings().forEachAttachmentOfEveryModule(null, since, 200,
                (page, info) -> seen.addAll(page));

        assertTrue(walk.notModified());
        assertEquals(1, walk.requests());
        assertTrue(seen.isEmpty());
        String header = zoho.requests("GET", "/crm/v8/Attachments").get(0).header("If-Modified-Since");
        assertTrue(header.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00"), header);
        assertEquals(since.toInstant(), OffsetDateTime.parse(header).toInstant());
    }

    @Test
    void recordsComeWithTheirLastActivityAndARefusalIsZohosError() throws Exception {
        zoho.addRecord("Leads", "10");
        zoho.seedAttachments("Leads", "11", 1);
        List<ZohoRecordActivity> records = new ArrayList<>();
        client.moduleListings().forEachRecord("Leads", null, 200, (page, info) -> records.addAll(page));

        assertEquals(List.of("10", "11"), records.stream().map(ZohoRecordActivity::id).toList());
        assertNull(records.get(0).lastActivityTime());
        assertNotNull(records.get(1).lastActivityTime());

        zoho.refuseModuleListing("OAUTH_SCOPE_MISMATCH");
        ZohoApiException refused = assertThrows(ZohoApiException.class, () -> client.moduleListings()
                .forEachAttachmentOfEveryModule(null, null, 200, (page, info) -> true));
        assertEquals("OAUTH_SCOPE_MISMATCH", refused.getCode());
        assertEquals(401, refused.getHttpStatus());
    }
}
