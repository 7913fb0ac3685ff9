package io.github.camelzoho.attachments;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails before anything is sent, with a message naming the option or header and the value. */
class ZohoAttachmentsValidationTest extends ZohoTestSupport {

    private static final String LIST = "zoho-attachments:list?module=Leads&recordId=" + RECORD;

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("zoho-attachments:list?module=Documents",
                        "Invalid module 'Documents': Zoho's Attachments API does not support the Documents module"),
                Arguments.of("zoho-attachments:list?module=projects",
                        "Invalid module 'projects': Zoho's Attachments API does not support the projects module"),
                Arguments.of("zoho-attachments:list?module=Price+Books",
                        "Invalid module 'Price Books': must be a module API name: a letter, then letters, digits or"
                                + " underscores (API names use underscores, e.g. Price_Books)"),
                Arguments.of("zoho-attachments:list?module=Leads%2F..%2FUsers",
                        "Invalid module 'Leads/../Users': must be a module API name: a letter, then letters, digits or"
                                + " underscores"),
                Arguments.of("zoho-attachments:list", "module is required: a module API name such as Leads"),
                Arguments.of(LIST.replace(RECORD, "12a"), "Invalid recordId '12a': '12a' is not a record id (digits only)"),
                Arguments.of(LIST.replace(RECORD, "1%3Fids%3D2"),
                        "Invalid recordId '1?ids=2': '1?ids=2' is not a record id (digits only)"),
                Arguments.of("zoho-attachments:delete?module=Leads&attachmentId=1,,2",
                        "Invalid attachmentId '1,,2': has an empty id between commas"),
                Arguments.of("zoho-attachments:delete?module=Leads&attachmentId=1,abc",
                        "Invalid attachmentId '1,abc': 'abc' is not an attachment id (digits only)"),
                Arguments.of("zoho-attachments:delete?module=Leads&attachmentId=7,7",
                        "Invalid attachmentId '7,7': names id 7 twice"),
                Arguments.of(LIST + "&perPage=0", "Invalid perPage '0': must be from 1 to 200"),
                Arguments.of(LIST + "&perPage=201", "Invalid perPage '201': must be from 1 to 200"),
                Arguments.of(LIST + "&perPage=abc", "Invalid perPage 'abc': must be a whole number"),
                Arguments.of(LIST + "&maxRetries=x", "Invalid maxRetries 'x': must be a whole number"),
                Arguments.of(LIST + "&responseTimeout=soon",
                        "Invalid responseTimeout 'soon': must be milliseconds or a duration such as 500, 2s or 1m30s"),
                Arguments.of(LIST + "&emitModified=yes", "Invalid emitModified 'yes': must be true or false"),
                Arguments.of(LIST + "&apiVersion=v2", "Invalid apiVersion 'v2': must be v3 or later, e.g. v8"),
                Arguments.of(LIST + "&fields=id,File+Name",
                        "Invalid fields 'id,File Name': 'File Name' is not a field API name"),
                Arguments.of(LIST + "&apiDomain=ftp://zoho.example",
                        "Invalid apiDomain 'ftp://zoho.example': must be an http or https URL with a host, e.g."
                                + " https://www.zohoapis.com"),
                Arguments.of(LIST + "&accountsDomain=https://accounts.zoho.eu?x=1",
                        "Invalid accountsDomain 'https://accounts.zoho.eu?x=1': must not carry a query, a fragment or user info"),
                Arguments.of(LIST + "&apiDomain=http://127.0.0.1:70000",
                        "Invalid apiDomain 'http://127.0.0.1:70000': has port 70000; ports go up to 65535"),
                Arguments.of(LIST + "&maxRetries=-1", "Invalid maxRetries '-1': must be at least 0"),
                Arguments.of(LIST + "&retryInitialDelay=100&retryMaxDelay=50",
                        "Invalid retryMaxDelay '50': must not be below retryInitialDelay (100)"),
                Arguments.of(LIST + "&maxConcurrentRequests=0", "Invalid maxConcurrentRequests '0': must be at least 1"),
                Arguments.of(LIST + "&proxyHost=proxy&proxyPort=70000", "Invalid proxyPort '70000': must be from 1 to 65535"),
                Arguments.of("zoho-attachments:purge?module=Leads",
                        "Invalid operation 'purge' in zoho-attachments:purge: must be one of [list, delete, download, upload]"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionFailsTheRouteAtStartupAndSendsNothing(String uri, String message) {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:start").to(uri);
            }
        }));

        assertEquals(message, rootCause(e).getMessage());
        assertInstanceOf(IllegalArgumentException.class, rootCause(e));
        assertTrue(zoho.requests().isEmpty(), "nothing may reach Zoho: " + zoho.requests());
    }

    @Test
    void noCredentialsAtAll() {
        ZohoAttachmentsConfiguration config = context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                .getConfiguration();
        config.setClientId(null);
        config.setClientSecret(null);
        config.setRefreshToken(null);

        Exception e = assertThrows(Exception.class, () -> template.sendBody(LIST, null));

        assertEquals("No Zoho credentials: set clientId, clientSecret and refreshToken (or accessToken, or tokenProvider)"
                + " on the endpoint or on the component (camel.component.zoho-attachments.*)",
                rootCause(e).getMessage());
        assertTrue(zoho.requests().isEmpty());
    }

    @Test
    void incompleteRefreshCredentials() {
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setClientSecret(null);

        Exception e = assertThrows(Exception.class, () -> template.sendBody(LIST, null));

        assertEquals("Incomplete Zoho credentials: the refresh-token grant also needs clientSecret", rootCause(e).getMessage());
        assertTrue(zoho.requests().isEmpty());
    }

    @Test
    void aLimitCanChangeOnceNoEndpointUsesItAndTheTokenIsKept() throws Exception {
        org.apache.camel.Endpoint first = context.getEndpoint(LIST);
        template.sendBody(first, null);
        context.removeEndpoint(first);
        org.apache.camel.support.service.ServiceHelper.stopAndShutdownService(first);

        Exchange exchange = template.send(LIST + "&maxConcurrentRequests=25", e -> {
        });

        assertEquals(null, exchange.getException());
        assertEquals(1, zoho.tokensMinted(), "endpoints come and go; the credential set's token stays");
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of(ZohoAttachmentsConstants.RECORD_ID, "12 OR 1=1",
                        "Invalid header CamelZohoRecordId '12 OR 1=1': must be a record id: digits only"),
                Arguments.of(ZohoAttachmentsConstants.MODULE, "Leads?fields=x",
                        "Invalid header CamelZohoModule 'Leads?fields=x': must be a module API name: a letter, then"
                                + " letters, digits or underscores"),
                Arguments.of(ZohoAttachmentsConstants.MODULE, "Documents",
                        "Invalid header CamelZohoModule 'Documents': Zoho's Attachments API does not support the Documents module"),
                Arguments.of(ZohoAttachmentsConstants.FIELDS, "id,$",
                        "Invalid header CamelZohoFields 'id,$': '$' is not a field API name"),
                Arguments.of(ZohoAttachmentsConstants.FIELDS,
                        IntStream.rangeClosed(1, 51).mapToObj(i -> "f" + i).collect(Collectors.joining(",")),
                        null),
                Arguments.of(ZohoAttachmentsConstants.RECORD_ID, "1\r\nX-Injected: yes",
                        "Invalid header CamelZohoRecordId '1\\u000d\\u000aX-Injected: yes': must be a record id: digits only"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void badHeaderFailsTheExchangeAndSendsNothing(String header, String value, String message) {
        Exchange exchange = template.send(LIST, e -> e.getMessage().setHeader(header, value));

        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, exchange.getException());
        if (message != null) {
            assertEquals(message, e.getMessage());
        } else {
            assertTrue(e.getMessage().startsWith("Invalid header " + header + " 'f1,f2,"), e.getMessage());
            assertTrue(e.getMessage().endsWith("names 51 fields; Zoho accepts at most 50"), e.getMessage());
        }
        assertTrue(apiRequests().isEmpty(), "nothing may reach Zoho: " + apiRequests());
    }

    @Test
    void tooManyIdsForOneBulkDelete() {
        StringBuilder ids = new StringBuilder();
        for (int i = 1; i <= 101; i++) {
            ids.append(i == 1 ? "" : ",").append(i);
        }

        Exchange exchange = template.send("zoho-attachments:delete?module=Leads&recordId=" + RECORD,
                e -> e.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, ids.toString()));

        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, exchange.getException());
        assertTrue(e.getMessage().endsWith("names 101 ids; at most 100 can be deleted in one request"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Invalid header CamelZohoAttachmentId '1,2,3,"), e.getMessage());
        assertTrue(zoho.requests().isEmpty());
    }

    @Test
    void recordIdFromNeitherOptionNorHeader() {
        Exchange exchange = call("zoho-attachments:list?module=Leads", null);

        assertEquals("recordId is required: set the recordId option or the CamelZohoRecordId header",
                exchange.getException().getMessage());
        assertTrue(zoho.requests().isEmpty());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
