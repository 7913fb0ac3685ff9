package io.github.camelzoho.attachments;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import io.github.camelzoho.attachments.testserver.PageTokenMode;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZohoAttachmentsListTest extends ZohoTestSupport {

    @SuppressWarnings("unchecked")
    private List<ZohoAttachment> list(String uri) {
        Exchange exchange = call(uri, null);
        if (exchange.getException() != null) {
            throw new AssertionError("list failed", exchange.getException());
        }
        return exchange.getMessage().getBody(List.class);
    }

    @Test
    void listsTypedAttachmentsWithEveryDocumentedKey() {
        Map<String, Object> seeded = zoho.addAttachment("Leads", RECORD, "contract.pdf", new byte[1234]);

        List<ZohoAttachment> attachments = list("zoho-attachments:list?module=Leads&recordId=" + RECORD);

        assertEquals(1, attachments.size());
        ZohoAttachment a = attachments.get(0);
        assertEquals(seeded.get("id"), a.getId());
        assertEquals("contract.pdf", a.getFileName());
        assertEquals(1234L, a.getSize(), "Size arrives as a string and is read as a number");
        assertEquals(OffsetDateTime.parse((String) seeded.get("Created_Time")), a.getCreatedTime());
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), a.getCreatedTime().getOffset());
        assertEquals(RECORD, a.getParent().getId());
        assertEquals("Leads", a.getModule());
        assertEquals(((Map<?, ?>) seeded.get("Owner")).get("email"), a.getOwner().getEmail());
        assertEquals(seeded.get("$file_id"), a.getFileId());
        assertEquals(Boolean.TRUE, a.getEditable());

        RecordedRequest request = apiRequests().get(0);
        assertEquals("GET", request.method());
        assertEquals("/crm/v8/Leads/" + RECORD + "/Attachments", request.path());
        assertEquals(ZohoAttachmentsClient.DEFAULT_FIELDS, request.queryParam("fields"));
        assertEquals("200", request.queryParam("per_page"));
        assertEquals("1", request.queryParam("page"));
        assertTrue(request.header("Authorization").startsWith("Zoho-oauthtoken 1000."));
    }

    @Test
    void fieldsOptionAndHeaderGoOnTheWire() {
        zoho.seedAttachments("Deals", RECORD, 1);

        list("zoho-attachments:list?module=Deals&recordId=" + RECORD + "&fields=id,File_Name");
        template.send("zoho-attachments:list?module=Deals&recordId=" + RECORD + "&fields=id,File_Name",
                e -> e.getMessage().setHeader(ZohoAttachmentsConstants.FIELDS, "id,Size"));

        List<RecordedRequest> requests = apiRequests();
        assertEquals("id,File_Name", requests.get(0).queryParam("fields"));
        assertEquals("id,Size", requests.get(1).queryParam("fields"));
    }

    @Test
    void headersOverrideModuleAndRecord() {
        zoho.seedAttachments("Contacts", "111", 2);

        Exchange exchange = template.send("zoho-attachments:list?module=Leads&recordId=" + RECORD, e -> {
            e.getMessage().setHeader(ZohoAttachmentsConstants.MODULE, "Contacts");
            e.getMessage().setHeader(ZohoAttachmentsConstants.RECORD_ID, 111L);
        });

        assertEquals(2, exchange.getMessage().getBody(List.class).size());
        assertEquals("/crm/v8/Contacts/111/Attachments", apiRequests().get(0).path());
    }

    @Test
    void recordWithoutAttachmentsIs204AndAnEmptyList() {
        List<ZohoAttachment> attachments = list("zoho-attachments:list?module=Leads&recordId=" + RECORD);

        assertTrue(attachments.isEmpty());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void emptyDataOn200IsAnEmptyList() {
        zoho.fail("GET", ".*/Attachments").withStatus(200,
                "{\"data\":[],\"info\":{\"per_page\":200,\"count\":0,\"page\":1,\"more_records\":false}}");

        assertTrue(list("zoho-attachments:list?module=Leads&recordId=" + RECORD).isEmpty());
    }

    @Test
    void unknownKeysAreKeptAndWrittenBackWithZohosOwnKeys() throws Exception {
        zoho.fail("GET", ".*/Attachments").withStatus(200, """
                {"data":[{"id":"99","File_Name":"a.txt","Size":12,"Created_Time":"2022-04-21T10:27:41+05:30",
                "Parent_Id":null,"$new_flag":true,"Future_Field":{"x":1}}],
                "info":{"per_page":200,"count":1,"page":1,"more_records":false}}""");

        ZohoAttachment a = list("zoho-attachments:list?module=Leads&recordId=" + RECORD).get(0);

        assertEquals(Boolean.TRUE, a.getOtherProperties().get("$new_flag"));
        assertEquals(12L, a.getSize());
        assertNull(a.getParent());
        ObjectMapper plain = new ObjectMapper();
        String json = plain.writeValueAsString(a);
        assertEquals("{\"id\":\"99\",\"File_Name\":\"a.txt\",\"Size\":12,\"Created_Time\":\"2022-04-21T10:27:41+05:30\","
                + "\"$new_flag\":true,\"Future_Field\":{\"x\":1}}",
                json);
        assertEquals(a, plain.readValue(json, ZohoAttachment.class));
    }

    @Test
    void readsEveryPageByNumberWhenZohoGivesNoTokens() {
        zoho.setPageTokenMode(PageTokenMode.NEVER);
        zoho.seedAttachments("Leads", RECORD, 450);

        List<ZohoAttachment> attachments = list("zoho-attachments:list?module=Leads&recordId=" + RECORD);

        assertEquals(450, attachments.size());
        assertEquals(450, attachments.stream().map(ZohoAttachment::getId).collect(Collectors.toSet()).size());
        List<RecordedRequest> requests = apiRequests();
        assertEquals(List.of("1", "2", "3"), requests.stream().map(r -> r.queryParam("page")).toList());
        assertTrue(requests.stream().allMatch(r -> r.queryParam("page_token") == null));
    }

    @Test
    void followsNextPageTokenWheneverZohoGivesOne() {
        zoho.setPageTokenMode(PageTokenMode.ALWAYS);
        zoho.seedAttachments("Leads", RECORD, 450);

        List<ZohoAttachment> attachments = list("zoho-attachments:list?module=Leads&recordId=" + RECORD + "&perPage=200");

        assertEquals(450, new HashSet<>(attachments).size());
        List<RecordedRequest> requests = apiRequests();
        assertEquals(3, requests.size());
        assertEquals("1", requests.get(0).queryParam("page"));
        for (RecordedRequest later : requests.subList(1, 3)) {
            assertNull(later.queryParam("page"), "page and page_token are never combined");
            assertTrue(later.queryParam("page_token") != null);
        }
    }

    @Test
    void readsPast2000AttachmentsWithPageTokens() {
        zoho.setPageTokenMode(PageTokenMode.PAST_2000);
        zoho.seedAttachments("Leads", RECORD, 2500);

        List<ZohoAttachment> attachments = list("zoho-attachments:list?module=Leads&recordId=" + RECORD);

        assertEquals(2500, attachments.stream().map(ZohoAttachment::getId).distinct().count());
        List<RecordedRequest> requests = apiRequests();
        assertEquals(13, requests.size());
        assertEquals("10", requests.get(9).queryParam("page"));
        assertNull(requests.get(10).queryParam("page"));
        assertTrue(requests.get(10).queryParam("page_token") != null);
    }

    @Test
    void past2000WithoutTokensFailsLoudlyInsteadOfTruncating() {
        zoho.setPageTokenMode(PageTokenMode.NEVER);
        zoho.seedAttachments("Leads", RECORD, 2100);

        Exchange exchange = call("zoho-attachments:list?module=Leads&recordId=" + RECORD, null);

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertEquals("DISCRETE_PAGINATION_LIMIT_EXCEEDED", e.getCode());
        assertEquals(400, e.getHttpStatus());
        assertEquals(11, apiRequests().size());
    }

    @Test
    void zohoErrorNamesCodeStatusAndRequest() {
        Exchange exchange = call("zoho-attachments:list?module=Custom_Unknown&recordId=" + RECORD, null);

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertEquals("INVALID_MODULE", e.getCode());
        assertEquals(400, e.getHttpStatus());
        assertEquals("GET", e.getMethod());
        assertEquals("/crm/v8/Custom_Unknown/" + RECORD + "/Attachments", e.getPath());
        assertEquals("Zoho CRM answered INVALID_MODULE (HTTP 400) to GET /crm/v8/Custom_Unknown/" + RECORD
                + "/Attachments: the module name given seems to be invalid",
                e.getMessage());
        assertEquals(1, apiRequests().size(), "a 400 is never retried");
    }

    @Test
    void apiVersionGoesInThePath() {
        list("zoho-attachments:list?module=Leads&recordId=" + RECORD + "&apiVersion=v3");

        assertEquals("/crm/v3/Leads/" + RECORD + "/Attachments", apiRequests().get(0).path());
    }
}
