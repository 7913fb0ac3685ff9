package io.github.camelzoho.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachmentNotFoundException;
import io.github.camelzoho.attachments.client.ZohoDownloadStream;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** download: the body streams the attachment's content, released however the route ends. */
class ZohoAttachmentsDownloadTest extends ZohoTestSupport {

    private static final String DOWNLOAD = "zoho-attachments:download?module=Leads&recordId=" + RECORD;

    /** What the body was when the route got it. */
    private final AtomicReference<Object> bodySeen = new AtomicReference<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:bytes").to(DOWNLOAD).process(e -> bodySeen.set(e.getMessage().getBody()))
                        .convertBodyTo(byte[].class);
                from("direct:read").to(DOWNLOAD).process(e -> {
                    try (InputStream in = e.getMessage().getBody(InputStream.class)) {
                        e.getMessage().setBody(in.readAllBytes());
                    }
                });
                from("direct:ignore").to(DOWNLOAD);
                from("direct:split").split(body())
                        .setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, body())
                        .to(DOWNLOAD)
                        .end();
            }
        };
    }

    private String seed(String name, byte[] content) {
        return (String) zoho.addAttachment("Leads", RECORD, name, content).get("id");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private Exchange download(String route, String attachmentId) {
        return template.send(route, e -> e.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, attachmentId));
    }

    @Test
    void streamsTheContentWithItsNameTypeAndLength() {
        byte[] content = randomBytes(20_000);
        String id = seed("Proposal.pdf", content);

        Exchange exchange = download("direct:bytes", id);

        assertNull(exchange.getException());
        assertInstanceOf(ZohoDownloadStream.class, bodySeen.get(), "the route gets a stream, not the bytes");
        assertArrayEquals(content, exchange.getMessage().getBody(byte[].class));
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        assertEquals("Proposal.pdf", headers.get(ZohoAttachmentsConstants.FILE_NAME));
        assertEquals("Proposal.pdf", headers.get(Exchange.FILE_NAME));
        assertEquals("application/pdf", headers.get(Exchange.CONTENT_TYPE));
        assertEquals(20_000L, headers.get(Exchange.CONTENT_LENGTH));
        assertEquals(id, headers.get(ZohoAttachmentsConstants.ATTACHMENT_ID));
        assertEquals("Leads", headers.get(ZohoAttachmentsConstants.MODULE));
        assertEquals(RECORD, headers.get(ZohoAttachmentsConstants.RECORD_ID));
        RecordedRequest request = apiRequests().get(0);
        assertEquals("GET", request.method());
        assertEquals("/crm/v8/Leads/" + RECORD + "/Attachments/" + id, request.path());
        assertNull(request.rawQuery());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void aDownloadAcceptsAnyContentTypeAndTheOtherOperationsJson() {
        String id = seed("Photo.jpg", randomBytes(1000));

        download("direct:bytes", id);
        template.requestBody("zoho-attachments:list?module=Leads&recordId=" + RECORD, (Object) null);

        assertEquals("*/*", apiRequests().get(0).header("Accept"));
        assertEquals("application/json", apiRequests().get(1).header("Accept"));
    }

    /** A ProducerTemplate gets the body after the exchange completed: the content is kept, in memory or in a file. */
    @Test
    @Timeout(60)
    void theBodyIsReadableAfterTheExchangeCompletedAndItsSlotIsFreeAlready(@TempDir Path spool) throws Exception {
        context.getStreamCachingStrategy().setSpoolDirectory(spool.toFile());
        // credentials of their own, so that their one request slot is not shared with the routes' endpoints
        zoho.registerClient("1000.SPOOLCLIENT", "spool-secret", "1000.spool-refresh");
        String download = DOWNLOAD + "&clientId=1000.SPOOLCLIENT&clientSecret=spool-secret&refreshToken=1000.spool-refresh"
                + "&maxConcurrentRequests=1&attachmentId=";
        byte[] small = randomBytes(20_000);
        byte[] large = randomBytes(1_000_000);
        String smallId = seed("small.bin", small);
        String largeId = seed("large.bin", large);

        assertArrayEquals(small, template.requestBody(download + smallId, null, byte[].class));
        assertArrayEquals(large, template.requestBody(download + largeId, null, byte[].class));

        InputStream unread = template.requestBody(download + largeId, null, InputStream.class);
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(1, files.count(), "more than the threshold went to a temporary file");
        }
        // the single request slot is free although the stream is still unread
        assertArrayEquals(small, template.requestBody(download + smallId, null, byte[].class));
        try (InputStream in = unread) {
            assertArrayEquals(large, in.readAllBytes());
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertEquals(0, files.count(), "the temporary file is deleted once read");
        }
        assertEquals(4, apiRequests().size());
    }

    @Test
    void attachmentIdFromTheOptionAndAnEmptyFile() {
        String id = seed("empty.txt", new byte[0]);

        Exchange exchange = template.send(DOWNLOAD + "&attachmentId=" + id, e -> {
        });

        assertNull(exchange.getException());
        assertEquals("empty.txt", exchange.getMessage().getHeader(Exchange.FILE_NAME));
        assertEquals(0L, exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH));
        assertEquals(id, exchange.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID));
    }

    @Test
    void utf8FileNameFromTheExtendedContentDisposition() {
        String id = seed("Résumé – Q3 €.pdf", new byte[]{1, 2, 3});

        Exchange exchange = download("direct:bytes", id);

        assertNull(exchange.getException());
        assertEquals("Résumé – Q3 €.pdf", exchange.getMessage().getHeader(ZohoAttachmentsConstants.FILE_NAME));
        assertEquals("Résumé – Q3 €.pdf", exchange.getMessage().getHeader(Exchange.FILE_NAME));
    }

    @Test
    void aNameWithDirectoriesNeverBecomesAPathForTheFileComponent() {
        String id = seed("../../etc/cron.d/evil", new byte[]{1});

        Exchange exchange = download("direct:bytes", id);

        assertEquals("../../etc/cron.d/evil", exchange.getMessage().getHeader(ZohoAttachmentsConstants.FILE_NAME));
        assertEquals("evil", exchange.getMessage().getHeader(Exchange.FILE_NAME));
    }

    @Test
    void unknownAttachmentIsAnErrorNamingItNeverAnEmptyFile() {
        String missing = "4876876000009999999";

        Exchange exchange = download("direct:bytes", missing);

        ZohoAttachmentNotFoundException e = assertInstanceOf(ZohoAttachmentNotFoundException.class, exchange.getException());
        assertEquals("Zoho CRM has no attachment " + missing + " on Leads record " + RECORD + ": GET /crm/v8/Leads/" + RECORD
                + "/Attachments/" + missing + " answered HTTP 204 without content",
                e.getMessage());
        assertEquals(missing, e.getAttachmentId());
        assertEquals(204, e.getHttpStatus());
        assertEquals(1, apiRequests().size(), "a 204 is an answer, not retried");
    }

    @Test
    void aLinkAttachmentCannotBeDownloaded() {
        zoho.seedSampleData();
        String link = zoho.attachments("Leads", ZohoTestServer.SAMPLE_LEAD_ID).stream()
                .filter(a -> "Link URL".equals(a.get("$type"))).map(a -> (String) a.get("id")).findFirst().orElseThrow();

        Exchange exchange = template.send(
                "zoho-attachments:download?module=Leads&recordId=" + ZohoTestServer.SAMPLE_LEAD_ID + "&attachmentId=" + link,
                e -> {
                });

        ZohoApiException e = assertInstanceOf(ZohoApiException.class, exchange.getException());
        assertEquals("DOWNLOAD_NOT_ALLOWED", e.getCode());
        assertEquals(400, e.getHttpStatus());
        assertEquals("Zoho CRM answered DOWNLOAD_NOT_ALLOWED (HTTP 400) to GET /crm/v8/Leads/" + ZohoTestServer.SAMPLE_LEAD_ID
                + "/Attachments/" + link + ": a link attachment cannot be downloaded",
                e.getMessage());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void refusalsAndLostConnectionsBeforeAnyByteAreRetried() {
        byte[] content = randomBytes(5_000);
        String id = seed("a.bin", content);
        zoho.fail("GET", ".*/Attachments/" + id).withTooManyRequests();
        zoho.fail("GET", ".*/Attachments/" + id).withServiceUnavailable();
        zoho.fail("GET", ".*/Attachments/" + id).withConnectionReset();

        Exchange exchange = download("direct:bytes", id);

        assertNull(exchange.getException());
        assertArrayEquals(content, exchange.getMessage().getBody(byte[].class));
        assertEquals(4, apiRequests().size());
    }

    @Test
    void aConnectionLostMidStreamIsAnIOExceptionToTheReaderAndNotRetried() {
        String id = seed("a.bin", randomBytes(10_000));
        zoho.fail("GET", ".*/Attachments/" + id).withTruncatedBody();

        Exchange exchange = download("direct:read", id);

        IOException e = assertInstanceOf(IOException.class, exchange.getException());
        assertTrue(e.getMessage().startsWith("GET /crm/v8/Leads/" + RECORD + "/Attachments/" + id + " broke off after 5000"
                + " bytes of 10000: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(not retried: part of the content had already been read)"), e.getMessage());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void badAttachmentIdsFailBeforeAnythingIsSent() {
        Exchange missing = template.send("direct:ignore", e -> {
        });
        Exchange list = download("direct:ignore", "1,2");
        Exchange notAnId = download("direct:ignore", "12/../13");
        Exception atStartup = assertThrows(Exception.class,
                () -> template.send(DOWNLOAD + "&attachmentId=1,2", e -> {
                }));

        assertEquals("attachmentId is required: set the attachmentId option or the CamelZohoAttachmentId header",
                missing.getException().getMessage());
        assertEquals("Invalid header CamelZohoAttachmentId '1,2': names several ids; this operation takes one attachment id",
                list.getException().getMessage());
        assertEquals("Invalid header CamelZohoAttachmentId '12/../13': must be an attachment id: digits only",
                notAnId.getException().getMessage());
        assertEquals("Invalid attachmentId '1,2': names several ids; this operation takes one attachment id",
                rootCause(atStartup).getMessage());
        assertTrue(zoho.requests().isEmpty(), "nothing may reach Zoho: " + zoho.requests());
    }

    /**
     * Each download holds a request slot until its stream is read or closed: a route that never reads the body must still give
     * it back when the exchange completes, or the third download below would wait forever.
     */
    @Test
    @Timeout(60)
    void ignoredBodiesAreReleasedWhenTheExchangeCompletes() {
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setMaxConcurrentRequests(2);
        String id = seed("a.bin", randomBytes(300_000));

        for (int i = 0; i < 20; i++) {
            assertNull(download("direct:ignore", id).getException());
        }
        List<String> ids = Stream.generate(() -> id).limit(20).toList();
        Exchange split = template.send("direct:split", e -> e.getMessage().setBody(ids));
        Exchange last = download("direct:read", id);

        assertNull(split.getException());
        assertEquals(300_000, last.getMessage().getBody(byte[].class).length);
        assertEquals(41, apiRequests().size());
        assertTrue(zoho.maxInFlight() <= 2, "at most 2 in flight: " + zoho.maxInFlight());
    }

    /** With a single slot, a second download within the same exchange goes through only if the first gave its slot back. */
    @Test
    @Timeout(60)
    void aStreamReadToItsEndOrClosedHalfReadGivesItsSlotBackAtOnce() throws Exception {
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setMaxConcurrentRequests(1);
        String id = seed("a.bin", randomBytes(200_000));
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:half").to(DOWNLOAD).process(e -> {
                    InputStream in = e.getMessage().getBody(InputStream.class);
                    in.readNBytes(1000);
                    in.close();
                    e.setProperty("second", downloadAgain(id));
                });
                from("direct:whole").to(DOWNLOAD).process(e -> {
                    // read to the end, not closed
                    e.getMessage().getBody(InputStream.class).transferTo(OutputStream.nullOutputStream());
                    e.setProperty("second", downloadAgain(id));
                });
            }
        });

        Exchange half = download("direct:half", id);
        Exchange whole = download("direct:whole", id);

        assertNull(half.getException());
        assertEquals("served", half.getProperty("second"));
        assertNull(whole.getException());
        assertEquals("served", whole.getProperty("second"));
        assertEquals(4, apiRequests().size());
    }

    private String downloadAgain(String id) {
        Exchange again = template.send(DOWNLOAD, x -> x.getMessage().setHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, id));
        return again.getException() == null ? "served" : again.getException().toString();
    }

    /** 50 MB go through the route into a counting stream, as they come: the content is never held in memory. */
    @Test
    void aFiftyMegabyteAttachmentStreamsThrough() throws Exception {
        long size = 50L * 1024 * 1024;
        String id = (String) zoho.addGeneratedAttachment("Leads", RECORD, "Product-demo.mp4", size).get("id");
        AtomicLong counted = new AtomicLong();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:count").to(DOWNLOAD).process(e -> {
                    InputStream in = e.getMessage().getBody(InputStream.class);
                    assertInstanceOf(ZohoDownloadStream.class, in);
                    try (OutputStream sink = new DigestOutputStream(new CountingOutputStream(counted), sha256)) {
                        in.transferTo(sink);
                    }
                });
            }
        });

        Exchange exchange = download("direct:count", id);

        assertNull(exchange.getException());
        assertEquals(size, counted.get());
        assertEquals(zoho.contentSha256(id), HexFormat.of().formatHex(sha256.digest()));
        assertEquals(size, exchange.getMessage().getHeader(Exchange.CONTENT_LENGTH));
    }

    /**
     * The consumer sets module, record and attachment id; download streams each new attachment; the file component writes it.
     */
    @Test
    void consumerThenDownloadThenFileArchivesEveryNewAttachment(@TempDir Path archive) throws Exception {
        Map<String, byte[]> files = Map.of("Contract.pdf", randomBytes(3_000), "Pricing.csv",
                "plan,price\nbasic,10\n".getBytes(StandardCharsets.UTF_8), "Überblick €.txt", randomBytes(70_000));
        files.forEach(this::seed);
        MockEndpoint archived = getMockEndpoint("mock:archived");
        archived.expectedMessageCount(files.size());
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("zoho-attachments:list?module=Leads&recordId=" + RECORD + "&delay=50&initialDelay=0")
                        .to("zoho-attachments:download?module=Leads")
                        .to("file:" + archive + "?tempPrefix=.part-")
                        .to("mock:archived");
            }
        });

        archived.assertIsSatisfied();

        Set<String> written;
        try (Stream<Path> list = Files.list(archive)) {
            written = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(files.keySet(), written);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(archive.resolve(file.getKey())), file.getKey());
        }
        assertEquals(files.size(), apiRequests().stream().filter(r -> r.path().matches(".*/Attachments/\\d+")).count());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Counts the bytes written and keeps none. */
    private static final class CountingOutputStream extends OutputStream {

        private final AtomicLong count;

        CountingOutputStream(AtomicLong count) {
            this.count = count;
        }

        @Override
        public void write(int b) {
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count.addAndGet(len);
        }
    }
}
