package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Every request passes here: it is recorded, counted while in flight, delayed by the configured latency, possibly faulted,
 * routed to the token endpoint or the API, and its {@link Reply} written. Throwing an IOException from a handler makes the JDK
 * server close the connection, which is how connection faults are produced.
 */
final class Dispatcher implements HttpHandler {

    static final String TOKEN_PATH = "/oauth/v2/token";
    /** Recording keeps at most this many requests (the most recent), so long benchmarks cannot exhaust memory. */
    static final int MAX_RECORDED = 100_000;

    private static final int MAX_BUFFERED_BODY = 1024 * 1024;
    private static final byte[] NOT_JSON = "<html><body><h1>502 Bad Gateway</h1></body></html>"
            .getBytes(StandardCharsets.UTF_8);

    private final OAuthTokens tokens;
    private final AttachmentsApi api;
    private final Faults faults;
    private final Deque<AtomicReference<RecordedRequest>> recorded = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile Consumer<RecordedRequest> beforeAnswer = request -> {
    };

    Dispatcher(OAuthTokens tokens, AttachmentsApi api, Faults faults) {
        this.tokens = tokens;
        this.api = api;
        this.faults = faults;
    }

    void setBeforeAnswer(Consumer<RecordedRequest> hook) {
        this.beforeAnswer = hook == null ? request -> {
        } : hook;
    }

    void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + latency);
        }
        this.latency = latency;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String rawQuery = uri.getRawQuery();
        Headers headers = exchange.getRequestHeaders();
        String contentType = headers.getFirst("Content-Type");
        String boundary = MultipartParser.boundary(contentType);
        byte[] body = boundary == null ? readBounded(exchange.getRequestBody()) : null;
        String recordedBody = boundary == null
                ? new String(body, StandardCharsets.UTF_8)
                : "[multipart/form-data, " + (headers.containsKey("Content-Length")
                        ? headers.getFirst("Content-Length") + " bytes"
                        : "chunked") + ", not parsed]";
        AtomicReference<RecordedRequest> slot = record(
                new RecordedRequest(method, path, rawQuery, headers, recordedBody));

        boolean api = path.startsWith("/crm/");
        // Counted from arrival until the answer starts: a client that waits for the answer before sending its next
        // request must never be seen over its own limit, however the server's bookkeeping is scheduled.
        Runnable answered = api ? countInFlight() : () -> {
        };
        try {
            // taken on arrival, so "the next n matching requests" follows arrival order even with latency
            Faults.Action fault = faults.take(method, path);
            if (api) {
                pause(latency);
            }
            if (fault != null && fault.kind() == Faults.Kind.CONNECTION_RESET) {
                throw new IOException("fault injected: connection reset");
            }
            if (fault != null && fault.kind() == Faults.Kind.RESPOND) {
                answered.run();
                send(exchange, fault.reply());
                return;
            }
            IncomingRequest request = new IncomingRequest(method, path, QueryString.parse(rawQuery),
                    headers.getFirst("Authorization"), contentType, boundary, body,
                    boundary == null ? null : exchange.getRequestBody(),
                    summary -> slot.updateAndGet(r -> r.withBody(summary)), headers.getFirst("If-Modified-Since"));
            if (api) {
                beforeAnswer.accept(slot.get());
            }
            Reply reply = route(request);
            if (fault != null && fault.kind() == Faults.Kind.DELAY) {
                pause(fault.delay());
            }
            answered.run();
            if (fault == null || fault.kind() == Faults.Kind.DELAY) {
                send(exchange, reply);
            } else if (fault.kind() == Faults.Kind.MALFORMED_JSON) {
                send(exchange, Reply.bytes(200, Reply.JSON, NOT_JSON));
            } else {
                sendTruncated(exchange, reply);
            }
        } finally {
            answered.run();
        }
    }

    /** Counts one request in flight; the returned action ends it, once, however often it runs. */
    private Runnable countInFlight() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
    }

    private Reply route(IncomingRequest request) throws IOException {
        try {
            if (request.path().equals(TOKEN_PATH)) {
                return tokens.token(request);
            }
            if (OAuthTokens.USERS_PATH.matcher(request.path()).matches()) {
                return tokens.users(request);
            }
            if (request.path().startsWith("/crm/")) {
                return api.handle(request);
            }
            return AttachmentsApi.invalidUrl();
        } catch (MultipartParser.MalformedException e) {
            return Reply.zohoError(400, "INVALID_REQUEST", e.getMessage());
        } catch (RuntimeException e) {
            return Reply.zohoError(500, "INTERNAL_ERROR", "test server failure: " + e);
        }
    }

    static void send(HttpExchange exchange, Reply reply) throws IOException {
        try {
            // an unread upload would make the JDK server drop the connection before the client reads the answer
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            writeHeaders(exchange, reply);
            if (reply.body == null || reply.length == 0) {
                exchange.sendResponseHeaders(reply.status, -1);
                return;
            }
            exchange.sendResponseHeaders(reply.status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                reply.body.writeTo(out);
            }
        } finally {
            exchange.close();
        }
    }

    /** 200 announcing more bytes than follow (about half the real body), then a dropped connection. */
    private static void sendTruncated(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        writeHeaders(exchange, reply);
        long real = reply.body == null ? 0 : reply.length;
        long sent = real / 2;
        exchange.sendResponseHeaders(200, real >= 2 ? real : 64);
        OutputStream out = exchange.getResponseBody();
        if (sent > 0) {
            reply.body.writeTo(new LimitedOutputStream(out, sent));
        }
        out.flush();
        throw new IOException("fault injected: truncated body");
    }

    private static void writeHeaders(HttpExchange exchange, Reply reply) {
        Headers out = exchange.getResponseHeaders();
        if (reply.contentType != null) {
            out.set("Content-Type", reply.contentType);
        }
        reply.headers.forEach(out::set);
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BUFFERED_BODY);
        in.transferTo(OutputStream.nullOutputStream());
        return bytes;
    }

    private static void pause(Duration duration) throws IOException {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("test server is closing", e);
        }
    }

    // ---- recording and in-flight counting

    private AtomicReference<RecordedRequest> record(RecordedRequest request) {
        AtomicReference<RecordedRequest> slot = new AtomicReference<>(request);
        synchronized (recorded) {
            if (recorded.size() >= MAX_RECORDED) {
                recorded.removeFirst();
            }
            recorded.addLast(slot);
        }
        return slot;
    }

    List<RecordedRequest> requests(String method, Pattern path) {
        List<RecordedRequest> result = new ArrayList<>();
        synchronized (recorded) {
            for (AtomicReference<RecordedRequest> slot : recorded) {
                RecordedRequest r = slot.get();
                if ((method == null || method.equalsIgnoreCase(r.method()))
                        && (path == null || path.matcher(r.path()).matches())) {
                    result.add(r);
                }
            }
        }
        return List.copyOf(result);
    }

    void clearRequests() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void resetMaxInFlight() {
        maxInFlight.set(inFlight.get());
    }

    /** Passes on the first {@code limit} bytes and silently drops the rest. */
    private static final class LimitedOutputStream extends OutputStream {

        private final OutputStream out;
        private long remaining;

        LimitedOutputStream(OutputStream out, long limit) {
            this.out = out;
            this.remaining = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (remaining > 0) {
                out.write(b);
                remaining--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, remaining);
            if (n > 0) {
                out.write(b, off, n);
                remaining -= n;
            }
        }
    }
}
