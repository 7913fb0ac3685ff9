package io.github.camelzoho.attachments.testserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A streaming multipart/form-data reader: parts are handed out one at a time and their bodies are read straight from the
 * request, through a fixed buffer, so an upload of any size costs constant memory.
 */
final class MultipartParser {

    /** A part's headers, as far as form-data needs them. */
    record Part(String name, String fileName, String contentType) {
    }

    /** Thrown for a body that is not valid multipart (no boundary, premature end, oversized headers). */
    static final class MalformedException extends IOException {

        MalformedException(String message) {
            super(message);
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean partEnded;
    private boolean done;

    MultipartParser(InputStream in, String boundary) {
        this.in = in;
        // every delimiter is CRLF--boundary; a virtual leading CRLF makes the first one match too
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary parameter of a multipart Content-Type, or null. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String value = p.substring(9).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** Moves to the next part, skipping what is left of the current one (or the preamble); null after the last. */
    Part next() throws IOException {
        if (done) {
            return null;
        }
        while (readPart(buf, 0, 0, true) >= 0) {
            // skipping the rest of the current part
        }
        int b1 = readByte();
        int b2 = readByte();
        if (b1 == '-' && b2 == '-') {
            done = true;
            return null;
        }
        // tolerate transport padding after the boundary
        while (b1 == ' ' || b1 == '\t') {
            b1 = b2;
            b2 = readByte();
        }
        if (b1 != '\r' || b2 != '\n') {
            throw new MalformedException("no line break after a multipart boundary");
        }
        Part part = readHeaders();
        partEnded = false;
        return part;
    }

    /** The current part's body; it ends at the next boundary. */
    InputStream body() {
        return new InputStream() {

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : readPart(b, off, len, false);
            }
        };
    }

    /** Reads part data up to the next delimiter; -1 once it is reached. With {@code skip}, discards instead. */
    private int readPart(byte[] b, int off, int len, boolean skip) throws IOException {
        if (partEnded) {
            return -1;
        }
        fill(delimiter.length);
        int found = indexOfDelimiter();
        if (found == pos) {
            pos += delimiter.length;
            partEnded = true;
            return -1;
        }
        int available;
        if (found >= 0) {
            available = found - pos;
        } else if (eof) {
            throw new MalformedException("multipart body ended without its closing boundary");
        } else {
            // the last delimiter.length - 1 bytes may be the start of a delimiter
            available = lim - pos - (delimiter.length - 1);
        }
        int n = skip ? available : Math.min(len, available);
        if (!skip) {
            System.arraycopy(buf, pos, b, off, n);
        }
        pos += n;
        return n;
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        outer : for (int i = pos; i <= lim - delimiter.length; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Makes at least {@code need} bytes available unless the stream ends first. */
    private void fill(int need) throws IOException {
        if (lim - pos >= need || eof) {
            return;
        }
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
        while (lim < need && !eof) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
            } else {
                lim += n;
            }
        }
    }

    private int readByte() throws IOException {
        fill(1);
        if (pos >= lim) {
            throw new MalformedException("multipart body ended too early");
        }
        return buf[pos++] & 0xff;
    }

    private Part readHeaders() throws IOException {
        String name = null;
        String fileName = null;
        String contentType = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = readByte();
            if (++total > MAX_HEADERS) {
                throw new MalformedException("multipart part headers too large");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            // header bytes are taken as UTF-8, which is what clients send for non-ASCII file names
            String header = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (header.isEmpty()) {
                return new Part(name, fileName, contentType);
            }
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String headerName = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (headerName.equalsIgnoreCase("Content-Type")) {
                contentType = value;
            } else if (headerName.equalsIgnoreCase("Content-Disposition")) {
                name = dispositionParam(value, "name");
                String extended = dispositionParam(value, "filename*");
                fileName = extended != null ? decodeExtended(extended) : dispositionParam(value, "filename");
            }
        }
    }

    /** A parameter of a Content-Disposition value, unquoted; null when absent. */
    static String dispositionParam(String value, String param) {
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            int start = i + 1;
            while (start < value.length() && value.charAt(start) == ' ') {
                start++;
            }
            int eq = value.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = value.substring(start, eq).trim();
            StringBuilder result = new StringBuilder();
            int j = eq + 1;
            if (j < value.length() && value.charAt(j) == '"') {
                for (j++; j < value.length() && value.charAt(j) != '"'; j++) {
                    char c = value.charAt(j);
                    // a backslash escapes the next character in a quoted string
                    if (c == '\\' && j + 1 < value.length()) {
                        c = value.charAt(++j);
                    }
                    result.append(c);
                }
                j = value.indexOf(';', j);
            } else {
                int end = value.indexOf(';', j);
                result.append(value, j, end < 0 ? value.length() : end);
                j = end;
            }
            if (key.equalsIgnoreCase(param)) {
                return param.endsWith("*") ? result.toString().trim() : result.toString();
            }
            i = j;
        }
        return null;
    }

    /** RFC 5987 {@code UTF-8''%E2%82%AC.txt}; other charsets are taken as UTF-8 too. */
    private static String decodeExtended(String value) {
        int quote = value.indexOf("''");
        String encoded = quote >= 0 ? value.substring(quote + 2) : value;
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }
}
