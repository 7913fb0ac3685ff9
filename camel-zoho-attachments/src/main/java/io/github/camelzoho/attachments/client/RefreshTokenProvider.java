package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints access tokens with Zoho's refresh-token grant ({@code POST {accounts}/oauth/v2/token}) and shares each one until
 * shortly before it expires.
 * <ul>
 * <li>Single flight: however many threads need a token at once, one request is made and the others wait for it.</li>
 * <li>Refreshed ahead of expiry (5 minutes, or a tenth of a short lifetime); if that early refresh cannot reach Zoho, the
 * still-valid token is kept.</li>
 * <li>{@code expires_in} is read in seconds, or in milliseconds where an old response says so ({@code expires_in_sec}, or a
 * value above a day).</li>
 * <li>Zoho's refusals, which come with HTTP 200 ({@code invalid_client}, {@code invalid_code}, {@code Access Denied}), fail
 * with {@link ZohoAuthenticationException} and are remembered for a cool-down, so a crowd of callers does not hammer the
 * accounts server and trip its throttle.</li>
 * </ul>
 * Secrets never appear in its logs, messages or {@link #toString()}.
 */
public final class RefreshTokenProvider implements ZohoTokenProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenProvider.class);
    private static final String TOKEN_PATH = "/oauth/v2/token";
    private static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(5);
    private static final long ONE_DAY_SECONDS = 86_400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final Clock clock;
    private final Duration failureCoolDown;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger minted = new AtomicInteger();
    private volatile Token current;
    private volatile Failure lastFailure;

    private record Token(String value, Instant refreshAt, Instant expiresAt, String apiDomain) {
    }

    private record Failure(ZohoAuthenticationException error, Instant until) {
    }

    /**
     * @param accountsUrl
     *            the accounts server, e.g. {@code https://accounts.zoho.eu}
     * @param http
     *            the HTTP client to use; closed with this provider only when {@code ownsHttp}
     */
    public RefreshTokenProvider(String accountsUrl, String clientId, String clientSecret, String refreshToken,
            CloseableHttpClient http, boolean ownsHttp) {
        this(accountsUrl, clientId, clientSecret, refreshToken, http, ownsHttp, Clock.systemUTC(), Duration.ofSeconds(10));
    }

    RefreshTokenProvider(String accountsUrl, String clientId, String clientSecret, String refreshToken,
            CloseableHttpClient http, boolean ownsHttp, Clock clock, Duration failureCoolDown) {
        this.tokenUrl = ZohoInput.baseUrl("accountsDomain", accountsUrl) + TOKEN_PATH;
        this.clientId = requireSecret("clientId", clientId);
        this.clientSecret = requireSecret("clientSecret", clientSecret);
        this.refreshToken = requireSecret("refreshToken", refreshToken);
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.clock = clock;
        this.failureCoolDown = failureCoolDown;
    }

    private static String requireSecret(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required for the refresh-token grant");
        }
        return value.trim();
    }

    @Override
    public String getAccessToken() throws IOException {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return token.value();
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a Zoho access token");
        }
        try {
            Instant now = clock.instant();
            token = current;
            if (token != null && now.isBefore(token.refreshAt())) {
                return token.value(); // another thread refreshed while this one waited
            }
            Failure failure = lastFailure;
            if (failure != null && now.isBefore(failure.until())) {
                throw failure.error();
            }
            try {
                current = mint(now);
                lastFailure = null;
                return current.value();
            } catch (ZohoAuthenticationException e) {
                lastFailure = new Failure(e, now.plus(failureCoolDown));
                throw e;
            } catch (IOException e) {
                if (token != null && now.isBefore(token.expiresAt())) {
                    LOG.warn(
                            "Early refresh of the Zoho access token failed ({}); the current token stays in use until it expires",
                            e.getMessage());
                    return token.value();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean invalidate(String rejectedToken) {
        lock.lock();
        try {
            Token token = current;
            if (token != null && token.value().equals(rejectedToken)) {
                current = null;
                LOG.debug("Zoho rejected the access token as invalid; the next call mints a new one");
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String getApiDomain() {
        Token token = current;
        return token == null ? null : token.apiDomain();
    }

    /** How many tokens this provider has minted. */
    public int getTokensMinted() {
        return minted.get();
    }

    private Token mint(Instant now) throws IOException {
        HttpPost post = new HttpPost(tokenUrl);
        // A form body rather than a query string, so the secrets are not in the request line of any access log.
        post.setEntity(new UrlEncodedFormEntity(List.of(
                new BasicNameValuePair("grant_type", "refresh_token"),
                new BasicNameValuePair("client_id", clientId),
                new BasicNameValuePair("client_secret", clientSecret),
                new BasicNameValuePair("refresh_token", refreshToken)), StandardCharsets.UTF_8));
        String[] answer = http.execute(post, response -> new String[]{
                String.valueOf(response.getCode()),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)});
        int status = Integer.parseInt(answer[0]);
        if (status == 429 || status >= 500) {
            throw new IOException("Zoho accounts server answered HTTP " + status + " to POST " + TOKEN_PATH);
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer[1]);
        } catch (IOException e) {
            throw new ZohoAuthenticationException(status, "malformed_response", "the token response is not JSON", TOKEN_PATH);
        }
        if (body == null || !body.isObject()) {
            throw new ZohoAuthenticationException(status, "malformed_response", "the token response is not a JSON object",
                    TOKEN_PATH);
        }
        // Zoho reports refusals with HTTP 200: the body decides, not the status.
        if (body.hasNonNull("error")) {
            throw new ZohoAuthenticationException(status, body.get("error").asText(),
                    body.path("error_description").asText(null),
                    TOKEN_PATH);
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isBlank() || status / 100 != 2) {
            throw new ZohoAuthenticationException(status, "no_access_token", "the token response carries no access_token",
                    TOKEN_PATH);
        }
        Duration lifetime = lifetime(body);
        Duration ahead = lifetime.dividedBy(10).compareTo(MAX_REFRESH_AHEAD) < 0 ? lifetime.dividedBy(10) : MAX_REFRESH_AHEAD;
        String apiDomain = apiDomain(body.path("api_domain").asText(null));
        int count = minted.incrementAndGet();
        LOG.debug("Minted Zoho access token #{} valid for {} s, api_domain {}", count, lifetime.toSeconds(), apiDomain);
        return new Token(accessToken, now.plus(lifetime).minus(ahead), now.plus(lifetime), apiDomain);
    }

    /** Seconds, unless the response is of the old kind that gave milliseconds. */
    private static Duration lifetime(JsonNode body) {
        if (body.path("expires_in_sec").canConvertToLong() && body.path("expires_in_sec").asLong() > 0) {
            return Duration.ofSeconds(body.path("expires_in_sec").asLong());
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        if (expiresIn <= 0) {
            expiresIn = 3600;
        }
        // No Zoho token lives longer than a day, so a larger number can only be milliseconds.
        return expiresIn > ONE_DAY_SECONDS ? Duration.ofMillis(expiresIn) : Duration.ofSeconds(expiresIn);
    }

    private static String apiDomain(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZohoInput.baseUrl("api_domain", value);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the api_domain of Zoho's token response: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (ownsHttp) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "RefreshTokenProvider[" + tokenUrl + ", credentials=***]";
    }
}
