package io.github.camelzoho.attachments.testserver;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the server received it, so tests can assert what a client actually sent (headers, parameters, how many calls).
 * Immutable and safe to share between threads.
 */
public final class RecordedRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> queryParams;
    private final Map<String, List<String>> headers;
    private final String body;

    RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.queryParams = QueryString.parse(rawQuery);
        // header names are case-insensitive in HTTP, so lookups must be too
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
    }

    /** A copy with another body, used once a streamed multipart body has been summarised. */
    RecordedRequest withBody(String newBody) {
        return new RecordedRequest(method, path, rawQuery, headers, newBody);
    }

    /** The HTTP method, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The decoded path without the query string, e.g. {@code /crm/v8/Leads/123/Attachments}. */
    public String path() {
        return path;
    }

    /** The query string exactly as sent (still %-encoded), or null when the URL had none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The first decoded value of a query parameter, or null when it is absent. */
    public String queryParam(String name) {
        return QueryString.first(queryParams, name);
    }

    /** All decoded query parameters, in order of appearance; unmodifiable. */
    public Map<String, List<String>> queryParams() {
        return queryParams;
    }

    /** The first value of a request header, looked up case-insensitively, or null when it is absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The request body decoded as UTF-8 (empty when there was none). Multipart bodies are not kept: this is a short summary of
     * their parts instead, e.g. {@code [multipart/form-data: file="a.pdf" (1024 bytes)]}.
     */
    public String body() {
        return body;
    }

    /** Method, path, query and body on one line, for assertion messages and logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path);
        if (rawQuery != null) {
            sb.append('?').append(rawQuery);
        }
        if (!body.isEmpty()) {
            sb.append(' ').append(body.length() > 200 ? body.substring(0, 200) + "..." : body);
        }
        return sb.toString();
    }
}
