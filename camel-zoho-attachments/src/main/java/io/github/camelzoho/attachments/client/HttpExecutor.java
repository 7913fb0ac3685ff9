package io.github.camelzoho.attachments.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.RetryRule.FreshToken;
import io.github.camelzoho.attachments.client.RetryRule.Verdict;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one API request to Zoho with everything each request needs: the shared access token, a slot under the shared
 * concurrency limit, retries with backoff, and the reading of both of Zoho's error shapes. Whether a failed attempt is sent
 * again is decided by {@link RetryRule}, nowhere else; this class only applies its verdict.
 * <p>
 * {@link #open} is the streaming variant for downloads: it retries the same way up to the response headers, then hands the open
 * response, with its connection and its request slot, to the caller.
 */
final class HttpExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExecutor.class);
    private static final int EXCERPT = 200;

    private final CloseableHttpClient http;
    private final ZohoTokenProvider tokens;
    private final ZohoConcurrencyLimiter limiter;
    private final ZohoRetryPolicy retryPolicy;
    private final String apiDomainOverride;
    private final ZohoDataCenter dataCenter;
    private final ObjectMapper json;
    private final Duration slotTimeout;
    private final ZohoRequestListener requestListener;
    /** The last token this executor's host answered with a 2xx: if it refuses that token later, the token was revoked. */
    private volatile String lastAcceptedToken;
    /** Zoho's clock less this host's, from the last answer with a Date header (whole seconds); zero before one. */
    private volatile Duration serverClockOffset = Duration.ZERO;

    /** A final answer: a 2xx, or an error carried per item in {@code data[]} that the caller interprets. */
    /** Zoho's clock less this host's, from the last answer with a Date header (to the second); zero before one. */
    Duration serverClockOffset() {
        return serverClockOffset;
    }

    record Response(int status, JsonNode body, String serverDate) {

        boolean isSuccess() {
            return status / 100 == 2;
        }
    }

    /** A request body, e.g. a multipart upload. */
    interface RequestBody {

        /** The entity to send with one attempt. */
        HttpEntity entity();

        /** Why the body cannot be sent (again) now, e.g. a stream already read; null when it can. */
        String whyNotAgain();
    }

    /**
     * A 2xx answer whose body is still on the wire. The caller owns it: closing it (or {@link #abort()}) gives back the
     * connection and the request slot.
     */
    static final class OpenResponse implements Closeable {

        private final HttpUriRequestBase request;
        private final ClassicHttpResponse response;
        private final ZohoConcurrencyLimiter limiter;
        private final AtomicBoolean released = new AtomicBoolean();

        private OpenResponse(HttpUriRequestBase request, ClassicHttpResponse response, ZohoConcurrencyLimiter limiter) {
            this.request = request;
            this.response = response;
            this.limiter = limiter;
        }

        /** The first value of a response header, or null. */
        String header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        /** The body; empty when the answer has none (an empty file). */
        InputStream content() throws IOException {
            HttpEntity entity = response.getEntity();
            return entity == null ? InputStream.nullInputStream() : entity.getContent();
        }

        /** The announced length, or -1 when unknown. */
        long contentLength() {
            HttpEntity entity = response.getEntity();
            return entity == null ? 0 : entity.getContentLength();
        }

        /** After the body was read to its end: the connection goes back to the pool. */
        @Override
        public void close() {
            release(false);
        }

        /** Before the end: the connection is dropped rather than drained, however much Zoho still has to send. */
        void abort() {
            release(true);
        }

        private void release(boolean abort) {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                if (abort) {
                    request.cancel();
                }
                response.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the response to {} {} failed: {}", request.getMethod(), request.getPath(), e.toString());
            } finally {
                limiter.release();
            }
        }
    }

    HttpExecutor(CloseableHttpClient http, ZohoTokenProvider tokens, ZohoConcurrencyLimiter limiter,
            ZohoRetryPolicy retryPolicy, String apiDomainOverride, ZohoDataCenter dataCenter, ObjectMapper json,
            Duration slotTimeout, ZohoRequestListener requestListener) {
        this.http = http;
        this.requestListener = requestListener;
        this.tokens = tokens;
        this.limiter = limiter;
        this.retryPolicy = retryPolicy;
        this.apiDomainOverride = apiDomainOverride;
        this.dataCenter = dataCenter;
        this.json = json;
        this.slotTimeout = slotTimeout;
    }

    /** The API domain in force: an explicit override, else the api_domain of the token sent, else the data centre's. */
    private String apiDomain(ZohoAccessToken token) {
        if (apiDomainOverride != null) {
            return apiDomainOverride;
        }
        if (token.refusedApiDomain() != null) {
            throw ZohoAuthenticationException.untrustedApiDomain(token.refusedApiDomain(), "/oauth/v2/token");
        }
        return token.apiDomain() != null ? token.apiDomain() : dataCenter.apiUrl();
    }

    /**
     * Sends a request. Returns the answer (body null for 204 or empty, or when read by the request's success reader), or throws
     * {@link ZohoApiException} for a top-level Zoho error, or {@link IOException} when Zoho could not be reached.
     */
    Response execute(ApiRequest request) throws IOException {
        return send(request, false).response;
    }

    /**
     * Reads a 2xx body itself, in one pass, so that a large listing is bound straight to the model rather than built as a tree
     * first; malformed JSON must throw {@link JsonProcessingException}, which counts as a malformed body.
     */
    @FunctionalInterface
    interface SuccessReader {

        void read(byte[] body) throws IOException;
    }

    /**
     * Sends a GET whose answer is streamed: retried like any read until Zoho's response headers arrive, then a 2xx is returned
     * open, holding its connection and request slot until closed. Returns null for a 204 (no content).
     */
    OpenResponse open(ApiRequest request) throws IOException {
        return send(request, true).open;
    }

    private record Outcome(Response response, OpenResponse open) {
    }

    private Outcome send(ApiRequest request, boolean stream) throws IOException {
        String method = request.method();
        String path = request.path();
        boolean tokenRefreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            ZohoAccessToken accessToken;
            try {
                accessToken = tokens.getToken();
            } catch (IOException e) {
                Verdict verdict = decide(request, new RetryRule.TokenEndpointFailed(e));
                if (repeat(verdict, attempt, method, path, "the token endpoint failed: " + describe(e))) {
                    continue;
                }
                if (e instanceof ZohoTokenEndpointException) {
                    // the provider's cool-down decides when the accounts server is asked again, not this request's retries
                    throw new ZohoTokenEndpointException(
                            "Could not obtain a Zoho access token for " + method + " " + path + ": " + e.getMessage(), e);
                }
                throw new IOException("Could not obtain a Zoho access token for " + method + " " + path + " after "
                        + attempt + " attempt(s): " + describe(e) + noted(verdict), e);
            }
            String token = accessToken.value();
            // the host and the token come from one value: a token is never sent to the host of the token before it
            String host = apiDomain(accessToken);
            HttpUriRequestBase httpRequest = new HttpUriRequestBase(method,
                    URI.create(host + path + (request.query() == null ? "" : "?" + request.query())));
            httpRequest.setHeader("Authorization", "Zoho-oauthtoken " + token);
            // a download answers with the file's own type (JSON only for an error), everything else with JSON
            httpRequest.setHeader("Accept", stream ? "*/*" : "application/json");
            if (request.body() != null) {
                httpRequest.setEntity(request.body().entity());
            }
            if (request.ifModifiedSince() != null) {
                httpRequest.setHeader("If-Modified-Since", request.ifModifiedSince());
            }

            int status;
            byte[] body;
            String serverDate;
            limiter.acquire(slotTimeout);
            ClassicHttpResponse answer = null;
            boolean handedOver = false;
            try {
                requestListener.onRequest(method, path);
                answer = http.executeOpen(null, httpRequest, null);
                status = answer.getCode();
                Header date = answer.getFirstHeader("Date");
                serverDate = date == null ? null : date.getValue();
                OffsetDateTime zohoNow = PageCursor.httpDate(serverDate);
                if (zohoNow != null) {
                    serverClockOffset = Duration.between(Instant.now(), zohoNow.toInstant());
                }
                if (status / 100 == 2 || status == 304) {
                    lastAcceptedToken = token;
                }
                HttpEntity entity = answer.getEntity();
                if (stream && status / 100 == 2 && status != 204) {
                    // The caller reads the body; the connection and the slot are released when it closes the stream.
                    handedOver = true;
                    return new Outcome(null, new OpenResponse(httpRequest, answer, limiter));
                }
                body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
            } catch (IOException e) {
                ZohoUploadContent.LimitExceededException overLimit = ZohoUploadContent.limitExceeded(e);
                if (overLimit != null) {
                    throw new IllegalArgumentException(overLimit.getMessage(), e);
                }
                Verdict verdict = decide(request, new RetryRule.IoFailure(e));
                if (repeat(verdict, attempt, method, path, describe(e))) {
                    continue;
                }
                throw new IOException(method + " " + path + " failed after " + attempt + " attempt(s): " + describe(e)
                        + noted(verdict), e);
            } finally {
                if (!handedOver) {
                    closeQuietly(answer);
                    limiter.release();
                }
            }

            if ((status / 100 == 2 || status == 304 && request.ifModifiedSince() != null) && body.length == 0) {
                return new Outcome(new Response(status, null, serverDate), null);
            }
            JsonNode node;
            try {
                if (request.successReader() != null && status / 100 == 2) {
                    request.successReader().read(body);
                    return new Outcome(new Response(status, null, serverDate), null);
                }
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                Verdict verdict = decide(request, new RetryRule.MalformedBody());
                if (repeat(verdict, attempt, method, path, "malformed body (HTTP " + status + ")")) {
                    continue;
                }
                throw ZohoApiException.malformedBody(status, excerpt(body), method, path, attempt, verdict.note(), e);
            }
            if (status / 100 == 2) {
                return new Outcome(new Response(status, node, serverDate), null);
            }
            ZohoError error = ZohoError.of(node, body);
            RetryRule.Failure failure = new RetryRule.ErrorAnswer(status, error.code());
            if (RetryRule.refusesToken(status, error.code())) {
                // Every refusal is reported, so that the provider learns when even a fresh token is refused.
                boolean replaced = tokens.invalidate(token, token.equals(lastAcceptedToken));
                failure = new RetryRule.TokenRefused(host, tokenRefreshed
                        ? FreshToken.ALSO_REFUSED
                        : replaced ? FreshToken.AVAILABLE : FreshToken.NOT_REPLACED);
            }
            Verdict verdict = decide(request, failure);
            if (verdict.action() == RetryRule.Action.REPEAT_WITH_FRESH_TOKEN) {
                tokenRefreshed = true;
                attempt--;
                continue;
            }
            if (repeat(verdict, attempt, method, path, error.code() + " (HTTP " + status + ")")) {
                continue;
            }
            if (error.perItem()) {
                return new Outcome(new Response(status, node, serverDate), null);
            }
            throw ZohoApiException.answered(status, error, method, path, attempt, verdict.note());
        }
    }

    private static Verdict decide(ApiRequest request, RetryRule.Failure failure) {
        if (request.once()) {
            return new Verdict(RetryRule.Action.FAIL, "sent once by design");
        }
        return RetryRule.decide(request.method(), request.body() == null ? null : request.body().whyNotAgain(), failure);
    }

    private static String noted(Verdict verdict) {
        return verdict.note() == null ? "" : " (" + verdict.note() + ")";
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException e) {
                LOG.debug("Closing a response failed: {}", e.toString());
            }
        }
    }

    /** True after sleeping the backoff when the verdict is to repeat and retries are left. */
    private boolean repeat(Verdict verdict, int attempt, String method, String path, String reason)
            throws InterruptedIOException {
        if (verdict.action() != RetryRule.Action.REPEAT || attempt > retryPolicy.maxRetries()) {
            return false;
        }
        Duration delay = retryPolicy.delayBeforeRetry(attempt);
        LOG.warn("{} {} failed: {}; retry {} of {} in {} ms", method, path, reason, attempt, retryPolicy.maxRetries(),
                delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry " + method + " " + path);
        }
        return true;
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT), StandardCharsets.UTF_8);
        return InputValidator.shorten(text) + (body.length > EXCERPT ? "..." : "");
    }

    /** Zoho's error, from the top-level envelope or from the first item of {@code data[]}. */
    record ZohoError(String code, String message, Map<String, Object> details, boolean perItem) {

        static ZohoError of(JsonNode node, byte[] body) {
            if (node != null && node.path("data").isArray() && !node.path("data").isEmpty()) {
                JsonNode first = node.path("data").get(0);
                return new ZohoError(first.path("code").asText(null), first.path("message").asText(null),
                        details(first.path("details")), true);
            }
            if (node != null && node.hasNonNull("code")) {
                return new ZohoError(node.path("code").asText(null), node.path("message").asText(null),
                        details(node.path("details")), false);
            }
            return new ZohoError(null, "unexpected body: " + excerpt(body), Map.of(), false);
        }

        private static Map<String, Object> details(JsonNode details) {
            Map<String, Object> map = new LinkedHashMap<>();
            details.properties().forEach(e -> map.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText()
                    : e.getValue().toString()));
            return map;
        }
    }
}
