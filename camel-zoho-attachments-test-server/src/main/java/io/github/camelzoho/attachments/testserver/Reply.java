package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An HTTP answer that has been decided but not yet written. Handlers return one instead of writing to the exchange, so that
 * fault injection can delay, corrupt or truncate it after the operation was carried out.
 */
final class Reply {

    /** Writes a body; called once, on the exchange's output stream. */
    @FunctionalInterface
    interface BodyWriter {

        void writeTo(OutputStream out) throws IOException;
    }

    static final String JSON = "application/json;charset=UTF-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final int status;
    final String contentType;
    final Map<String, String> headers;
    /** Exact body length; 0 with a null body means no body at all. */
    final long length;
    final BodyWriter body;

    Reply(int status, String contentType, Map<String, String> headers, long length, BodyWriter body) {
        this.status = status;
        this.contentType = contentType;
        this.headers = headers;
        this.length = length;
        this.body = body;
    }

    static Reply empty(int status) {
        return new Reply(status, null, Map.of(), 0, null);
    }

    static Reply bytes(int status, String contentType, byte[] bytes) {
        return new Reply(status, contentType, Map.of(), bytes.length, out -> out.write(bytes));
    }

    static Reply json(int status, Object value) {
        return bytes(status, JSON, toJson(value));
    }

    /** Zoho's top-level error envelope, used for authentication, module, URL and parameter errors. */
    static Reply zohoError(int status, String code, String message, Map<String, ?> details) {
        return json(status, errorItem(code, message, details));
    }

    static Reply zohoError(int status, String code, String message) {
        return zohoError(status, code, message, Map.of());
    }

    /** Zoho's per-record envelope: the same item shape wrapped in {@code {"data":[...]}}. */
    static Reply dataItems(int status, List<Map<String, Object>> items) {
        return json(status, Map.of("data", items));
    }

    static Map<String, Object> errorItem(String code, String message, Map<String, ?> details) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("details", details);
        item.put("message", message);
        item.put("status", "error");
        return item;
    }

    static Map<String, Object> successItem(Map<String, ?> details, String message) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", "SUCCESS");
        item.put("details", details);
        item.put("message", message);
        item.put("status", "success");
        return item;
    }

    static byte[] toJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // only maps, lists, strings and numbers are serialised: this cannot happen
            throw new UncheckedIOException(e);
        }
    }
}
