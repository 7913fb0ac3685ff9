package io.github.camelzoho.attachments.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.ConnectTimeoutException;
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
 * concurrency limit, retries with backoff, and the reading of both of Zoho's error shapes.
 * <p>
 * What is retried: 429 and 503 always (Zoho refused the request before doing anything), other 5xx, I/O failures and malformed
 * bodies only for requests that are safe to repeat (GET); a request that is not safe to repeat (DELETE, POST) is otherwise
 * retried only when it cannot have reached Zoho (the connection was never opened). A request whose body cannot be sent twice (a
 * stream already read) is not retried at all once the body went out. A 401 INVALID_TOKEN gets one more try with a fresh token.
 * Every other 4xx fails at once.
 * <p>
 * {@link #open} is the streaming variant for downloads: it retries the same way up to the response headers, then hands the open
 * response, with its connection and its request slot, to the caller.
 */
final class ZohoHttpExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoHttpExecutor.class);
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

    /** A final answer: a 2xx, or an error carried per item in {@code data[]} that the caller interprets. */
    record Response(int status, JsonNode body) {

        boolean isSuccess() {
            return status / 100 == 2;
        }
    }

    /** A request body, e.g. a multipart upload. */
    interface RequestBody {

        /** The entity to send with one attempt. */
        HttpEntity entity();

        /** Whether the body can be sent (again) now; false once a stream that cannot be re-read has been read from. */
        boolean canSendAgain();

        /** Why the body cannot be sent again, for the error message. */
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

    ZohoHttpExecutor(CloseableHttpClient http, ZohoTokenProvider tokens, ZohoConcurrencyLimiter limiter,
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
     * Sends {@code method path?query}. Returns the answer (body null for 204 or empty), or throws {@link ZohoApiException} for
     * a top-level Zoho error, or {@link IOException} when Zoho could not be reached.
     *
     * @param path
     *            the path below the API domain, already validated and encoded
     * @param query
     *            the encoded query string, or null
     * @param repeatable
     *            whether sending the request twice does no harm (GET)
     */
    Response execute(String method, String path, String query, boolean repeatable) throws IOException {
        return send(method, path, query, repeatable, null, false, null).response;
    }

    /** Reads a successful answer's body itself, in one pass; malformed JSON must throw {@link JsonProcessingException}. */
    @FunctionalInterface
    interface SuccessReader {

        void read(byte[] body) throws IOException;
    }

    /**
     * As {@link #execute(String, String, String, boolean)}, but a non-empty 2xx body goes to {@code successReader} instead of
     * being parsed into {@link Response#body()} (null then): a large listing is bound straight to the model instead of being
     * built as a tree and walked a second time. Its {@link JsonProcessingException} counts as a malformed body, retried as any.
     */
    Response execute(String method, String path, String query, boolean repeatable, SuccessReader successReader)
            throws IOException {
        return send(method, path, query, repeatable, null, false, successReader).response;
    }

    /** As {@link #execute(String, String, String, boolean)}, with a request body; never repeatable. */
    Response execute(String method, String path, String query, RequestBody body) throws IOException {
        return send(method, path, query, false, body, false, null).response;
    }

    /**
     * Sends a GET whose answer is streamed: retried like any read until Zoho's response headers arrive, then a 2xx is returned
     * open, holding its connection and request slot until closed. Returns null for a 204 (no content).
     */
    OpenResponse open(String path, String query) throws IOException {
        return send("GET", path, query, true, null, true, null).open;
    }

    /**
     * As {@link #execute(String, String, String, boolean, SuccessReader)}, for a conditional listing: {@code conditional}
     * carries the request headers (If-Modified-Since) and receives the server's {@code Date}; a 304 comes back as
     * {@code Response(304, null)}.
     */
    Response execute(String method, String path, String query, SuccessReader successReader, Conditional conditional)
            throws IOException {
        return send(method, path, query, true, null, false, successReader, conditional).response;
    }

    /** Request headers of a conditional GET, and the server's clock from its answer. */
    static final class Conditional {

        private final Map<String, String> headers;
        private volatile String serverDate;

        Conditional(Map<String, String> headers) {
            this.headers = headers;
        }

        /** The {@code Date} header of the last answer, or null. */
        String serverDate() {
            return serverDate;
        }
    }

    private record Outcome(Response response, OpenResponse open) {
    }

    private Outcome send(String method, String path, String query, boolean repeatable, RequestBody requestBody,
            boolean stream, SuccessReader successReader) throws IOException {
        return send(method, path, query, repeatable, requestBody, stream, successReader, null);
    }

    private Outcome send(String method, String path, String query, boolean repeatable, RequestBody requestBody,
            boolean stream, SuccessReader successReader, Conditional conditional) throws IOException {
        boolean tokenRefreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            ZohoAccessToken accessToken;
            try {
                accessToken = tokens.getToken();
            } catch (ZohoApiException e) {
                throw e;
            } catch (IOException e) {
                // Nothing reached the API yet, so any request may be retried, unless retrying cannot help.
                if (!(e instanceof SSLHandshakeException)
                        && mayRetry(attempt, method, path, "the token endpoint failed: " + describe(e))) {
                    continue;
                }
                throw new IOException("Could not obtain a Zoho access token for " + method + " " + path + " after "
                        + attempt + " attempt(s): " + describe(e),
                        e);
            }
            String token = accessToken.value();
            // the host and the token come from one value: a token is never sent to the host of the token before it
            String host = apiDomain(accessToken);
            HttpUriRequestBase request = new HttpUriRequestBase(method,
                    URI.create(host + path + (query == null ? "" : "?" + query)));
            request.setHeader("Authorization", "Zoho-oauthtoken " + token);
            // a download answers with the file's own type (JSON only for an error), everything else with JSON
            request.setHeader("Accept", stream ? "*/*" : "application/json");
            if (requestBody != null) {
                request.setEntity(requestBody.entity());
            }
            if (conditional != null) {
                conditional.headers.forEach(request::setHeader);
            }

            int status;
            byte[] body;
            limiter.acquire(slotTimeout);
            ClassicHttpResponse answer = null;
            boolean handedOver = false;
            try {
                requestListener.onRequest(method, path);
                answer = http.executeOpen(null, request, null);
                status = answer.getCode();
                if (conditional != null) {
                    Header date = answer.getFirstHeader("Date");
                    conditional.serverDate = date == null ? null : date.getValue();
                }
                if (status / 100 == 2 || status == 304) {
                    lastAcceptedToken = token;
                }
                HttpEntity entity = answer.getEntity();
                if (stream && status / 100 == 2 && status != 204) {
                    // The caller reads the body; the connection and the slot are released when it closes the stream.
                    handedOver = true;
                    return new Outcome(null, new OpenResponse(request, answer, limiter));
                }
                body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
            } catch (IOException e) {
                ZohoUploadContent.LimitExceededException overLimit = ZohoUploadContent.limitExceeded(e);
                if (overLimit != null) {
                    throw new IllegalArgumentException(overLimit.getMessage(), e);
                }
                boolean neverSent = e instanceof ConnectException || e instanceof ConnectTimeoutException
                        || e instanceof UnknownHostException || e instanceof SSLHandshakeException;
                // A certificate that is not trusted stays untrusted: retrying only delays the error.
                boolean hopeless = e instanceof SSLHandshakeException;
                if ((repeatable || neverSent) && !hopeless && mayRetry(attempt, method, path, describe(e))) {
                    continue;
                }
                String outcome = repeatable || neverSent
                        ? ""
                        : " (the request may have reached Zoho, so it was not repeated: check the outcome in Zoho CRM)";
                throw new IOException(
                        method + " " + path + " failed after " + attempt + " attempt(s): " + describe(e) + outcome,
                        e);
            } finally {
                if (!handedOver) {
                    closeQuietly(answer);
                    limiter.release();
                }
            }

            if ((status / 100 == 2 || status == 304 && conditional != null) && body.length == 0) {
                return new Outcome(new Response(status, null), null);
            }
            JsonNode node;
            try {
                if (successReader != null && status / 100 == 2) {
                    successReader.read(body);
                    return new Outcome(new Response(status, null), null);
                }
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                if (repeatable && mayRetry(attempt, method, path, "malformed body (HTTP " + status + ")")) {
                    continue;
                }
                throw new ZohoApiException(status, null, "malformed response body: " + excerpt(body), null, method, path,
                        attempt, e);
            }
            if (status / 100 == 2) {
                return new Outcome(new Response(status, node), null);
            }
            ZohoError error = ZohoError.of(node, body);
            boolean bodyAgain = requestBody == null || requestBody.canSendAgain();
            boolean expiredToken = status == 401 && "INVALID_TOKEN".equals(error.code());
            // Every refusal is reported, so that the provider learns when even a fresh token is refused; only the first
            // gets one more try with another token, which does not count as a retry.
            boolean anotherToken = expiredToken && tokens.invalidate(token, token.equals(lastAcceptedToken));
            if (anotherToken && !tokenRefreshed && bodyAgain) {
                tokenRefreshed = true;
                attempt--;
                continue;
            }
            boolean refusedUnprocessed = status == 429 || status == 503 || "TOO_MANY_REQUESTS".equals(error.code())
                    || "RATE_LIMIT_EXCEEDED".equals(error.code());
            if ((refusedUnprocessed && bodyAgain || repeatable && status >= 500)
                    && mayRetry(attempt, method, path, error.code() + " (HTTP " + status + ")")) {
                continue;
            }
            if (error.perItem()) {
                return new Outcome(new Response(status, node), null);
            }
            String note = null;
            if ((refusedUnprocessed || expiredToken && anotherToken && !tokenRefreshed) && !bodyAgain) {
                note = "not retried: " + requestBody.whyNotAgain();
            } else if (expiredToken) {
                note = "refused by " + host + (tokenRefreshed
                        ? " even with a newly minted token"
                        : anotherToken ? "" : "; the token was not replaced: it is fixed, or Zoho issued it moments ago")
                        + ": check that dataCenter and apiDomain name the data centre the credentials belong to";
            } else if (!repeatable && !refusedUnprocessed && status >= 500) {
                note = "not repeated: Zoho may have carried the " + method + " out; check in Zoho CRM before sending it again";
            }
            throw new ZohoApiException(status, error.code(), error.message(), error.details(), method, path, attempt, note,
                    null);
        }
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

    /** True after sleeping the backoff when another attempt is allowed; false when retries are exhausted. */
    private boolean mayRetry(int attempt, String method, String path, String reason) throws InterruptedIOException {
        if (attempt > retryPolicy.maxRetries()) {
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
        return ZohoInput.shorten(text) + (body.length > EXCERPT ? "..." : "");
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
