package io.github.camelzoho.attachments.testserver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultipartParserTest {

    /** Hands out at most one byte per read, to exercise every buffer boundary. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static byte[] body(String boundary, byte[] fileContent) {
        ServerTestSupport.Multipart m = new ServerTestSupport.Multipart();
        m.field("title", "t");
        m.file("file", "f.bin", fileContent);
        String text = new String(m.bytes(), StandardCharsets.ISO_8859_1)
                .replace(ServerTestSupport.Multipart.BOUNDARY, boundary);
        return ("preamble\r\n" + text + "epilogue").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parsesPartsEvenWhenContentLooksLikeABoundary() throws IOException {
        byte[] content = ("line\r\n--bound\r\n--boun--\r\n-").getBytes(StandardCharsets.ISO_8859_1);
        for (boolean slow : new boolean[]{false, true}) {
            byte[] body = body("boundary", content);
            MultipartParser parser = new MultipartParser(
                    slow ? trickle(body) : new ByteArrayInputStream(body), "boundary");
            MultipartParser.Part title = parser.next();
            assertEquals("title", title.name());
            assertNull(title.fileName());
            assertArrayEquals("t".getBytes(StandardCharsets.UTF_8), parser.body().readAllBytes());
            MultipartParser.Part file = parser.next();
            assertEquals("file", file.name());
            assertEquals("f.bin", file.fileName());
            assertEquals("application/octet-stream", file.contentType());
            assertArrayEquals(content, parser.body().readAllBytes());
            assertNull(parser.next());
        }
    }

    @Test
    void streamsLargeBinaryParts() throws IOException {
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        MultipartParser parser = new MultipartParser(new ByteArrayInputStream(body("b", content)), "b");
        parser.next();
        MultipartParser.Part file = parser.next();
        assertEquals("file", file.name());
        assertArrayEquals(content, parser.body().readAllBytes());
        assertNull(parser.next());
    }

    @Test
    void unreadPartsAreSkipped() throws IOException {
        MultipartParser parser = new MultipartParser(new ByteArrayInputStream(body("b", new byte[100])), "b");
        assertEquals("title", parser.next().name());
        assertEquals("file", parser.next().name());
        assertNull(parser.next());
    }

    @Test
    void rejectsAMissingClosingBoundary() throws IOException {
        byte[] body = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ndata"
                .getBytes(StandardCharsets.ISO_8859_1);
        MultipartParser parser = new MultipartParser(new ByteArrayInputStream(body), "b");
        parser.next();
        assertThrows(MultipartParser.MalformedException.class, () -> parser.body().readAllBytes());
    }

    @Test
    void readsBoundaryAndDispositionParameters() {
        assertEquals("abc", MultipartParser.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b", MultipartParser.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\""));
        assertNull(MultipartParser.boundary("application/json"));
        assertEquals("x;\"y\".txt",
                MultipartParser.dispositionParam("form-data; name=\"f\"; filename=\"x;\\\"y\\\".txt\"", "filename"));
        assertEquals("f", MultipartParser.dispositionParam("form-data; name=f", "name"));
    }
}
