package io.github.camelzoho.attachments.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/** The file name of a download, from its Content-Disposition header. */
final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * The file name of a {@code Content-Disposition} header: RFC 6266's {@code filename*=UTF-8''...} when present, else
     * {@code filename="..."} (quoted or not). Raw UTF-8 bytes in the plain form, which HTTP clients read as ISO-8859-1, are
     * decoded back. Null when the header names no file.
     */
    static String fileName(String header) {
        if (header == null) {
            return null;
        }
        String extended = parameter(header, "filename*");
        if (extended != null) {
            String decoded = decodeExtended(extended);
            if (decoded != null && !decoded.isBlank()) {
                return decoded;
            }
        }
        String plain = parameter(header, "filename");
        return plain == null || plain.isBlank() ? null : utf8ReadAsLatin1(plain);
    }

    /** A parameter of a header value such as {@code attachment; filename="a.pdf"}, unquoted; null when absent. */
    static String parameter(String header, String name) {
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int start = i + 1;
            int eq = header.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = header.substring(start, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            while (j < header.length() && header.charAt(j) == ' ') {
                j++;
            }
            if (j < header.length() && header.charAt(j) == '"') {
                for (j++; j < header.length() && header.charAt(j) != '"'; j++) {
                    char c = header.charAt(j);
                    // a backslash escapes the next character of a quoted string
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    value.append(c);
                }
                j = header.indexOf(';', j);
            } else {
                int end = header.indexOf(';', j);
                value.append(header, j, end < 0 ? header.length() : end);
                j = end;
            }
            if (key.equalsIgnoreCase(name)) {
                return value.toString().trim();
            }
            i = j;
        }
        return null;
    }

    /** RFC 5987's {@code charset'language'percent-encoded}; null when malformed. */
    private static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(value.substring(0, first).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        String encoded = value.substring(second + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        return decodeStrictly(bytes.toByteArray(), charset);
    }

    /** A header value whose raw UTF-8 bytes were read as ISO-8859-1 gets its real characters back; others stay as they are. */
    private static String utf8ReadAsLatin1(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            high |= c > 0x7f;
        }
        if (!high) {
            return value;
        }
        String decoded = decodeStrictly(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return decoded != null ? decoded : value;
    }

    private static String decodeStrictly(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
