package io.github.camelzoho.attachments;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoDeleteException;
import io.github.camelzoho.attachments.client.ZohoDeleteResult;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZohoAttachmentsDeleteTest extends ZohoTestSupport {

    private String seed(String name) {
        return (String) zoho.addAttachment("Leads", RECORD, name, new byte[]{1, 2, 3}).get("id");
    }

    private List<String> remainingIds() {
        return zoho.attachments("Leads", RECORD).stream().map(a -> (String) a.get("id")).toList();
    }

    @Test
    void deletesOneAttachmentByItsOwnUrl() {
        String keep = seed("keep.txt");
        String gone = seed("gone.txt");

        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD + "&attachmentId=" + gone, null);

        assertNull(exchange.getException());
        @SuppressWarnings("unchecked")
        List<ZohoDeleteResult> results = exchange.getMessage().getBody(List.class);
        assertEquals(1, results.size());
        assertEquals(gone, results.get(0).getId());
        assertEquals("SUCCESS", results.get(0).getCode());
        assertEquals("record deleted", results.get(0).getMessage());
        assertTrue(results.get(0).isSuccess());
        RecordedRequest request = apiRequests().get(0);
        assertEquals("DELETE", request.method());
        assertEquals("/crm/v8/Leads/" + RECORD + "/Attachments/" + gone, request.path());
        assertNull(request.rawQuery());
        assertEquals(List.of(keep), remainingIds());
    }

    @Test
    void deletesSeveralInOneBulkRequest() {
        String a = seed("a.txt");
        String b = seed("b.txt");
        String keep = seed("c.txt");

        Exchange exchange = template.send("zoho-attachments:delete?module=Leads&recordId=" + RECORD,
                e -> e.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, a + ", " + b));

        assertNull(exchange.getException());
        @SuppressWarnings("unchecked")
        List<ZohoDeleteResult> results = exchange.getMessage().getBody(List.class);
        assertEquals(List.of(a, b), results.stream().map(ZohoDeleteResult::getId).toList());
        assertEquals(1, apiRequests().size());
        RecordedRequest request = apiRequests().get(0);
        assertEquals("/crm/v8/Leads/" + RECORD + "/Attachments", request.path());
        assertEquals(a + "," + b, request.queryParam("ids"));
        assertEquals(List.of(keep), remainingIds());
    }

    @Test
    void partialFailureFailsTheExchangeWithEveryItemsResult() {
        String a = seed("a.txt");
        String missing = "4876876000009999999";

        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD + "&attachmentId=" + a + ","
                + missing,
                null);

        ZohoDeleteException e = assertInstanceOf(ZohoDeleteException.class, exchange.getException());
        assertEquals(List.of(a), e.getDeletedIds());
        assertEquals(List.of(missing), e.getFailedIds());
        assertEquals(2, e.getResults().size());
        assertEquals("INVALID_DATA", e.getCode());
        assertEquals("Zoho CRM deleted 1 of 2 attachments on DELETE /crm/v8/Leads/" + RECORD + "/Attachments; not deleted: "
                + missing + ": INVALID_DATA (the related id given seems to be invalid)",
                e.getMessage());
        assertTrue(remainingIds().isEmpty());
    }

    @Test
    void unknownSingleIdIsAFailureNamingIt() {
        String missing = "4876876000009999999";

        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD + "&attachmentId=" + missing, null);

        ZohoDeleteException e = assertInstanceOf(ZohoDeleteException.class, exchange.getException());
        assertEquals(List.of(missing), e.getFailedIds());
        assertEquals(400, e.getHttpStatus());
    }

    @Test
    void withoutAnAttachmentIdNothingIsDeleted() {
        seed("a.txt");

        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD, null);

        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, exchange.getException());
        assertEquals("attachmentId is required: set the attachmentId option or the CamelZohoAttachmentId header",
                e.getMessage());
        assertTrue(apiRequests().isEmpty());
        assertEquals(1, remainingIds().size());
    }

    @Test
    void deleteRefusedWith429IsRetriedAndDeletesOnce() {
        String a = seed("a.txt");
        zoho.fail("DELETE", ".*/Attachments/" + a).withTooManyRequests();

        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD + "&attachmentId=" + a, null);

        assertNull(exchange.getException());
        assertEquals(2, apiRequests().size());
        assertTrue(remainingIds().isEmpty());
    }

    @Test
    void deleteAnswered500IsNotRepeated() {
        String a = seed("a.txt");
        zoho.fail("DELETE", ".*/Attachments/" + a).withInternalError();

        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD + "&attachmentId=" + a, null);

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertEquals("INTERNAL_ERROR", e.getCode());
        assertEquals(500, e.getHttpStatus());
        assertEquals(1, apiRequests().size(), "Zoho may have deleted it: a DELETE answered 500 is not sent again");
    }

    @Test
    void deleteWhoseAnswerIsLostIsNotRepeatedAndSaysSo() {
        String a = seed("a.txt");
        zoho.fail("DELETE", ".*/Attachments/" + a).withTruncatedBody();

        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD + "&attachmentId=" + a, null);

        Exception e = exchange.getException();
        assertTrue(e instanceof IOException, "got " + e);
        assertTrue(
                e.getMessage()
                        .startsWith("DELETE /crm/v8/Leads/" + RECORD + "/Attachments/" + a + " failed after 1 attempt(s)"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("(the request may have reached Zoho, so it was not repeated: check the outcome in Zoho CRM)"),
                e.getMessage());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void resultsSerialiseToZohosShape() throws Exception {
        String a = seed("a.txt");
        Exchange exchange = call("zoho-attachments:delete?module=Leads&recordId=" + RECORD + "&attachmentId=" + a, null);

        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(exchange.getMessage().getBody());

        assertEquals("[{\"id\":\"" + a + "\",\"code\":\"SUCCESS\",\"status\":\"success\",\"message\":\"record deleted\","
                + "\"details\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("id", a))
                + "}]",
                json);
    }
}
