package io.github.camelzoho.attachments.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes a fault for the requests matched by {@link ZohoTestServer#fail(String, String)}: optionally {@link #times(int)},
 * then exactly one {@code with...} call, which registers it. The fault applies to the next n matching requests (default 1),
 * then normal behaviour resumes; several faults matching the same request are used first-registered-first.
 * <p>
 * Unless a method says otherwise, a faulted request is <em>not</em> carried out: a DELETE answered with 429 deletes nothing.
 * {@link #withDelay(Duration)}, {@link #withMalformedJson()} and {@link #withTruncatedBody()} carry the request out first, as a
 * real failure between server and client would, so a client cannot know whether it took effect.
 * <p>
 * Note that {@code java.net.http.HttpClient} may silently resend an idempotent request once when a reused connection is closed
 * before any answer, which consumes a second use of a {@link #withConnectionReset()} fault.
 */
public final class FaultBuilder {

    private final Faults faults;
    private final String method;
    private final Pattern path;
    private int times = 1;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean registered;

    FaultBuilder(Faults faults, String method, Pattern path) {
        this.faults = faults;
        this.method = method;
        this.path = path;
    }

    /** How many matching requests the fault applies to (default 1). */
    public FaultBuilder times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + n);
        }
        this.times = n;
        return this;
    }

    /**
     * A response header the fault's answer carries, e.g. {@code Retry-After}; only for the answers of {@link #withStatus} and
     * {@link #withZohoError} (and the shortcuts built on it).
     */
    public FaultBuilder header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Answers with this status and raw body (as application/json) instead of carrying the request out. */
    public void withStatus(int status, String body) {
        byte[] bytes = Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
        register(Faults.Kind.RESPOND, withHeaders(
                status == 204 || bytes.length == 0 ? Reply.empty(status) : Reply.bytes(status, Reply.JSON, bytes)), null);
    }

    /** Answers with Zoho's top-level error envelope instead of carrying the request out. */
    public void withZohoError(int status, String code, String message) {
        register(Faults.Kind.RESPOND, withHeaders(Reply.zohoError(status, code, message)), null);
    }

    private Reply withHeaders(Reply reply) {
        if (headers.isEmpty()) {
            return reply;
        }
        Map<String, String> all = new LinkedHashMap<>(reply.headers);
        all.putAll(headers);
        return new Reply(reply.status, reply.contentType, Map.copyOf(all), reply.length, reply.body);
    }

    /** Answers 429 TOO_MANY_REQUESTS (Zoho's concurrency limit) instead of carrying the request out. */
    public void withTooManyRequests() {
        withZohoError(429, "TOO_MANY_REQUESTS", "The API has reached the concurrency limit");
    }

    /** Answers 500 INTERNAL_ERROR instead of carrying the request out. */
    public void withInternalError() {
        withZohoError(500, "INTERNAL_ERROR", "Internal Server Error");
    }

    /** Answers 503 SERVICE_UNAVAILABLE instead of carrying the request out. */
    public void withServiceUnavailable() {
        withZohoError(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable");
    }

    /** Carries the request out, then answers 200 with Content-Type application/json and a body that is not JSON. */
    public void withMalformedJson() {
        register(Faults.Kind.MALFORMED_JSON, null, null);
    }

    /**
     * Carries the request out, then answers 200 announcing a Content-Length larger than the bytes it sends (about half of the
     * real body) and closes the connection.
     */
    public void withTruncatedBody() {
        register(Faults.Kind.TRUNCATED_BODY, null, null);
    }

    /** Carries the request out, waits {@code delay}, then answers normally: for client response-timeout tests. */
    public void withDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        register(Faults.Kind.DELAY, null, delay);
    }

    /** Closes the connection without any answer; the request is not carried out. */
    public void withConnectionReset() {
        register(Faults.Kind.CONNECTION_RESET, null, null);
    }

    private synchronized void register(Faults.Kind kind, Reply reply, Duration delay) {
        if (registered) {
            throw new IllegalStateException("this fault is already registered; call fail(...) again for another");
        }
        registered = true;
        faults.add(method, path, times, new Faults.Action(kind, reply, delay));
    }
}
