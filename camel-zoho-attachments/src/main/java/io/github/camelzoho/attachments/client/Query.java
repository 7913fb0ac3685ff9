package io.github.camelzoho.attachments.client;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of query values that leaves Zoho's readable characters ({@code , $ _ - . ~}) as they are. */
final class Query {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Query() {
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ",$_-.~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
