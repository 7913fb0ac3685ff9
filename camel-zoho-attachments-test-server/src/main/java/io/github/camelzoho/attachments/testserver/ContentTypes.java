package io.github.camelzoho.attachments.testserver;

import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Download headers: a content type guessed from the file name, and a Content-Disposition safe for any name. */
final class ContentTypes {

    // common office and web types the JDK's own table lacks
    private static final Map<String, String> EXTRA = Map.of(
            "json", "application/json",
            "csv", "text/csv",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "mp4", "video/mp4",
            "pdf", "application/pdf",
            "zip", "application/zip",
            "png", "image/png",
            "txt", "text/plain");

    private ContentTypes() {
    }

    static String guess(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String known = EXTRA.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
        return guessed != null ? guessed : "application/octet-stream";
    }

    /**
     * {@code attachment; filename="..."}, plus RFC 6266's {@code filename*=UTF-8''...} when the name is not ASCII (header
     * values are written as Latin-1, so the plain form gets '_' for every non-ASCII character).
     */
    static String contentDisposition(String fileName) {
        StringBuilder plain = new StringBuilder();
        boolean ascii = true;
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                ascii = false;
                plain.append('_');
            } else {
                if (c == '"' || c == '\\') {
                    plain.append('\\');
                }
                plain.append(c);
            }
        }
        String header = "attachment; filename=\"" + plain + "\"";
        return ascii ? header : header + "; filename*=UTF-8''" + percentEncode(fileName);
    }

    private static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // RFC 5987 attr-char
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
