package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.internal.InputValidator;
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
 * <li>Refreshed ahead of expiry (5 minutes, or a tenth of a short lifetime). If that early refresh fails (Zoho unreachable, or
 * refusing with {@code Access Denied}), the still-valid token stays in use and the next early refresh waits, longer after each
 * failure, never past the token's expiry.</li>
 * <li>A 401 for the current token makes it mint another only when the token is not brand new, or the same host accepted it
 * before (then it was revoked): a token Zoho issued moments ago that an API host refuses points at the host (another data
 * centre, a wrong apiDomain), and minting more would only use up Zoho's 10 tokens per 10 minutes and, past 15, invalidate the
 * tokens of other nodes. The wait grows each time a re-minted token is refused again. A 401 for a token that is no longer the
 * current one never mints.</li>
 * <li>The {@code api_domain} of a token answer is used only when it is one of Zoho's API hosts (https, {@code www.},
 * {@code sandbox.} or {@code developer.zohoapis.<data centre>}) or the origin of the accounts server itself (a server set
 * through {@code accountsDomain}); with any other, a request fails unless an apiDomain is configured: the token is sent nowhere
 * else.</li>
 * <li>With a {@link ZohoTokenStore}, a token is saved when minted and reused by a later start while it is valid; the store sees
 * a digest of the credentials, never the credentials.</li>
 * <li>{@code expires_in} is read in seconds, or in milliseconds where an old response says so ({@code expires_in_sec}, or a
 * value above a day).</li>
 * <li>A failed token request is shared and cooled down. Zoho's refusals, which come with HTTP 200 ({@code invalid_client},
 * {@code invalid_code}, {@code Access Denied}), fail with {@link ZohoAuthenticationException}; a throttled, failing or
 * unreachable accounts server (HTTP 429, 5xx, no connection) with {@link ZohoTokenEndpointException}. Either is remembered for
 * a cool-down: every caller that waited for that token request, and every call until the cool-down ends, fails at once with it,
 * naming the cause and when the next token request is made, without a request of its own. The cool-down is 10 s after the first
 * failure in a row, doubles with each further one up to 10 minutes, and is never shorter than the accounts server's
 * {@code Retry-After} (honoured up to an hour). A successful token resets it.</li>
 * </ul>
 * Secrets never appear in its logs, messages or {@link #toString()}.
 */
public final class ZohoRefreshTokenProvider implements ZohoTokenProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoRefreshTokenProvider.class);
    private static final String TOKEN_PATH = "/oauth/v2/token";
    private static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(5);
    /** A refused token younger than this (or a tenth of its lifetime, if shorter) is kept rather than replaced. */
    private static final Duration MAX_REJECTION_GUARD = Duration.ofMinutes(1);
    /** The guard doubles each time a token minted after a 401 is refused as well, up to this factor. */
    private static final int MAX_GUARD_FACTOR = 16;
    private static final Duration MAX_EARLY_REFRESH_BACKOFF = Duration.ofMinutes(1);
    /** The cool-down after failed token requests doubles up to this (Zoho's throttle counts tokens over 10 minutes). */
    static final Duration MAX_FAILURE_COOL_DOWN = Duration.ofMinutes(10);
    /** A Retry-After longer than this is taken as this. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final long ONE_DAY_SECONDS = 86_400;
    private static final Pattern ZOHO_API_HOST = Pattern.compile(
            "(www|sandbox|developer)\\.zohoapis\\.(com|eu|in|com\\.au|jp|ca|com\\.cn|sa|uk)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenUrl;
    private final URI accountsServer;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final ZohoTokenStore store;
    private final String storeKey;
    private final Clock clock;
    private final Duration failureCoolDown;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger minted = new AtomicInteger();
    private volatile Token current;
    private volatile Failure lastFailure;
    // guarded by lock
    private int earlyRefreshFailures;
    private int failuresInARow;
    private int rejectionGuardFactor = 1;
    private boolean nextMintFollowsRejection;
    private String guardRaisedFor;
    private String lastRejected;

    /**
     * @param mintedAt
     *            when this provider minted it; null when it came from the store (its age is unknown)
     * @param followsRejection
     *            minted because Zoho refused the token before it
     */
    private record Token(ZohoAccessToken access, Instant mintedAt, Instant refreshAt, Instant expiresAt, Duration lifetime,
            boolean followsRejection) {

        String value() {
            return access.value();
        }

        Token refreshNoEarlierThan(Instant at) {
            return new Token(access, mintedAt, at, expiresAt, lifetime, followsRejection);
        }
    }

    /** A failed token request: what every call gets until {@code until}. */
    private record Failure(Exception cause, Instant until, Duration coolDown, int inARow) {
    }

    /** The accounts server answered with an HTTP error status (429, 5xx), maybe saying when to come back. */
    private static final class ErrorStatus extends IOException {

        private final transient Duration retryAfter;

        ErrorStatus(int status, Duration retryAfter) {
            super("Zoho's accounts server answered HTTP " + status + " to POST " + TOKEN_PATH
                    + (retryAfter == null ? "" : " with Retry-After " + retryAfter.toSeconds() + " s"));
            this.retryAfter = retryAfter;
        }
    }

    /**
     * @param accountsUrl
     *            the accounts server, e.g. {@code https://accounts.zoho.eu}
     * @param http
     *            the HTTP client to use; closed with this provider only when {@code ownsHttp}
     */
    public ZohoRefreshTokenProvider(String accountsUrl, String clientId, String clientSecret, String refreshToken,
            CloseableHttpClient http, boolean ownsHttp) {
        this(accountsUrl, clientId, clientSecret, refreshToken, http, ownsHttp, null);
    }

    /**
     * As above, keeping tokens in {@code store} (null for none) so that a restart reuses a token that is still valid.
     */
    public ZohoRefreshTokenProvider(String accountsUrl, String clientId, String clientSecret, String refreshToken,
            CloseableHttpClient http, boolean ownsHttp, ZohoTokenStore store) {
        this(accountsUrl, clientId, clientSecret, refreshToken, http, ownsHttp, store, Clock.systemUTC(),
                Duration.ofSeconds(10));
    }

    ZohoRefreshTokenProvider(String accountsUrl, String clientId, String clientSecret, String refreshToken,
            CloseableHttpClient http, boolean ownsHttp, ZohoTokenStore store, Clock clock, Duration failureCoolDown) {
        String accounts = InputValidator.baseUrl("accountsDomain", accountsUrl);
        this.tokenUrl = accounts + TOKEN_PATH;
        this.accountsServer = URI.create(accounts);
        this.clientId = requireSecret("clientId", clientId);
        this.clientSecret = requireSecret("clientSecret", clientSecret);
        this.refreshToken = requireSecret("refreshToken", refreshToken);
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.store = store;
        this.storeKey = credentialsKey(accounts, this.clientId, this.refreshToken);
        this.clock = clock;
        this.failureCoolDown = failureCoolDown;
    }

    private static String requireSecret(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required for the refresh-token grant");
        }
        return value.trim();
    }

    /**
     * The key a {@link ZohoTokenStore} sees: a SHA-256 digest of the accounts server, the client id and the refresh token, so
     * the store tells credential sets apart without holding any of them.
     */
    static String credentialsKey(String accountsUrl, String clientId, String refreshToken) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((accountsUrl + '\n' + clientId + '\n' + refreshToken)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String getAccessToken() throws IOException {
        return getToken().value();
    }

    @Override
    public ZohoAccessToken getToken() throws IOException {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return token.access();
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
                return token.access(); // another thread refreshed while this one waited
            }
            boolean stillValid = token != null && now.isBefore(token.expiresAt());
            Failure failure = lastFailure;
            if (failure != null && now.isBefore(failure.until())) {
                if (stillValid) {
                    return token.access();
                }
                throw duringCoolDown(failure); // one failure answers every caller that waited for it, and those after
            }
            Token stored = fromStore(now);
            if (stored != null && now.isBefore(stored.refreshAt())
                    && (token == null || !stored.value().equals(token.value()))) {
                current = stored;
                earlyRefreshFailures = 0;
                LOG.debug("Using the Zoho access token from {}, valid until {}", store, stored.expiresAt());
                return stored.access();
            }
            try {
                Token fresh = mint(now);
                current = fresh;
                lastFailure = null;
                failuresInARow = 0;
                earlyRefreshFailures = 0;
                save(fresh);
                return fresh.access();
            } catch (ZohoAuthenticationException e) {
                if (stillValid) {
                    return keepDuringBackoff(token, now, e);
                }
                throw duringCoolDown(remember(e, null, now));
            } catch (IOException e) {
                if (stillValid) {
                    return keepDuringBackoff(token, now, e);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw e; // this caller gave up; the accounts server said nothing
                }
                throw duringCoolDown(remember(e, e instanceof ErrorStatus status ? status.retryAfter : null, now));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Remembers a failed token request: the cool-down doubles with each failure in a row (capped), and is never shorter than
     * the server's Retry-After.
     */
    private Failure remember(Exception cause, Duration retryAfter, Instant now) {
        failuresInARow++;
        Duration coolDown = failureCoolDown.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
        if (coolDown.compareTo(MAX_FAILURE_COOL_DOWN) > 0) {
            coolDown = MAX_FAILURE_COOL_DOWN;
        }
        if (retryAfter != null && retryAfter.compareTo(coolDown) > 0) {
            coolDown = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        Failure failure = new Failure(cause, now.plus(coolDown), coolDown, failuresInARow);
        lastFailure = failure;
        LOG.warn("Zoho token request failed ({} in a row): {}; the next token request is not before {}", failuresInARow,
                describe(cause), failure.until());
        return failure;
    }

    /** The failure a caller gets: the cause, and when the next token request is made. */
    private static RuntimeException duringCoolDown(Failure failure) throws ZohoTokenEndpointException {
        String note = "next token request not before " + failure.until().truncatedTo(ChronoUnit.SECONDS)
                + " (a cool-down of " + failure.coolDown().toSeconds() + " s after " + failure.inARow()
                + " failed token request(s) in a row)";
        if (failure.cause() instanceof ZohoAuthenticationException refused) {
            return refused.withNote(note);
        }
        throw new ZohoTokenEndpointException(describe(failure.cause()) + "; " + note, failure.cause());
    }

    private static String describe(Exception e) {
        if (e instanceof ZohoAuthenticationException || e instanceof ErrorStatus) {
            return e.getMessage();
        }
        return "Zoho's accounts server could not be reached for POST " + TOKEN_PATH + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** An early refresh failed while the token is still valid: keep it, and wait longer before each next try. */
    private ZohoAccessToken keepDuringBackoff(Token token, Instant now, Exception e) {
        earlyRefreshFailures++;
        Duration backoff = failureCoolDown.multipliedBy(1L << Math.min(earlyRefreshFailures - 1, 10));
        if (backoff.compareTo(MAX_EARLY_REFRESH_BACKOFF) > 0) {
            backoff = MAX_EARLY_REFRESH_BACKOFF;
        }
        Instant next = now.plus(backoff).isBefore(token.expiresAt()) ? now.plus(backoff) : token.expiresAt();
        current = token.refreshNoEarlierThan(next);
        LOG.warn("Early refresh of the Zoho access token failed ({}); the current token, valid until {}, stays in use and the"
                + " next refresh is tried at {}",
                e.getMessage(), token.expiresAt(), next);
        return token.access();
    }

    @Override
    public boolean invalidate(String rejectedToken) {
        return invalidate(rejectedToken, false);
    }

    @Override
    public boolean invalidate(String rejectedToken, boolean acceptedBeforeByThisHost) {
        lock.lock();
        try {
            Token token = current;
            if (token == null || !token.value().equals(rejectedToken)) {
                // already replaced (or being replaced): the next getToken gives another token without minting for this 401
                return true;
            }
            Instant now = clock.instant();
            if (token.mintedAt() != null && !acceptedBeforeByThisHost) {
                Duration age = Duration.between(token.mintedAt(), now);
                Duration guard = rejectionGuard(token);
                if (age.compareTo(guard) < 0) {
                    if (token.followsRejection() && !token.value().equals(guardRaisedFor)) {
                        // a token minted because of a 401 is refused as well: the host is wrong, wait longer next time
                        rejectionGuardFactor = Math.min(rejectionGuardFactor * 2, MAX_GUARD_FACTOR);
                        guardRaisedFor = token.value();
                    }
                    LOG.warn("Zoho refused an access token minted {} ms ago; it is kept rather than replaced (another would be"
                            + " refused as well: check the data centre and apiDomain)",
                            age.toMillis());
                    return false;
                }
            }
            current = null;
            nextMintFollowsRejection = true;
            lastRejected = token.value();
            if (store != null) {
                try {
                    store.remove(storeKey, token.value()); // a newer token another writer saved stays
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not remove the rejected token from {}: {}", store, e.toString());
                }
            }
            LOG.debug("Zoho rejected the access token as invalid; the next call mints a new one");
            return true;
        } finally {
            lock.unlock();
        }
    }

    private Duration rejectionGuard(Token token) {
        Duration tenth = token.lifetime().dividedBy(10);
        Duration base = tenth.compareTo(MAX_REJECTION_GUARD) < 0 ? tenth : MAX_REJECTION_GUARD;
        return base.multipliedBy(rejectionGuardFactor);
    }

    @Override
    public String getApiDomain() {
        Token token = current;
        return token == null ? null : token.access().apiDomain();
    }

    private Token fromStore(Instant now) {
        if (store == null) {
            return null;
        }
        try {
            ZohoTokenStore.StoredToken stored = store.load(storeKey);
            if (stored == null || stored.accessToken() == null || stored.expiresAt() == null
                    || !now.isBefore(stored.expiresAt()) || stored.accessToken().equals(lastRejected)) {
                return null;
            }
            String apiDomain = stored.apiDomain() == null ? null : trustedApiDomain(stored.apiDomain(), accountsServer);
            Duration remaining = Duration.between(now, stored.expiresAt());
            Duration ahead = remaining.dividedBy(10).compareTo(MAX_REFRESH_AHEAD) < 0
                    ? remaining.dividedBy(10)
                    : MAX_REFRESH_AHEAD;
            return new Token(new ZohoAccessToken(stored.accessToken(), apiDomain), null, stored.expiresAt().minus(ahead),
                    stored.expiresAt(), remaining, false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not use the token kept in {}: {}", store, e.getMessage());
            return null;
        }
    }

    private void save(Token token) {
        if (store == null) {
            return;
        }
        try {
            store.save(storeKey, new ZohoTokenStore.StoredToken(token.value(), token.expiresAt(), token.access().apiDomain()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not keep the access token in {}: {}", store, e.toString());
        }
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
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                response.getFirstHeader("Retry-After") == null ? null : response.getFirstHeader("Retry-After").getValue()});
        int status = Integer.parseInt(answer[0]);
        if (status == 429 || status >= 500) {
            throw new ErrorStatus(status, retryAfter(answer[2], now));
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
        String apiDomain = null;
        String refusedApiDomain = null;
        if (body.hasNonNull("api_domain") && !body.path("api_domain").asText().isBlank()) {
            try {
                apiDomain = trustedApiDomain(body.path("api_domain").asText(), accountsServer);
            } catch (IllegalArgumentException e) {
                // kept with the token: a request fails on it unless an apiDomain is configured, so the token goes nowhere else
                refusedApiDomain = e.getMessage();
                LOG.warn("Zoho's token answer names an API host no token is sent to: {}", refusedApiDomain);
            }
        }
        Duration lifetime = lifetime(body);
        Duration ahead = lifetime.dividedBy(10).compareTo(MAX_REFRESH_AHEAD) < 0 ? lifetime.dividedBy(10) : MAX_REFRESH_AHEAD;
        int count = minted.incrementAndGet();
        boolean followsRejection = nextMintFollowsRejection;
        nextMintFollowsRejection = false;
        if (!followsRejection) {
            rejectionGuardFactor = 1; // an ordinary refresh: the host trouble, if any, is over
        }
        LOG.debug("Minted Zoho access token #{} valid for {} s, api_domain {}", count, lifetime.toSeconds(), apiDomain);
        return new Token(new ZohoAccessToken(accessToken, apiDomain, refusedApiDomain), now, now.plus(lifetime).minus(ahead),
                now.plus(lifetime), lifetime, followsRejection);
    }

    /**
     * The api_domain of a token answer, normalised, when a token may be sent there: one of Zoho's API hosts over https, or the
     * accounts server's own origin (scheme, host and port), which is how a server set through accountsDomain (a proxy, a test
     * server) names itself. Anything else throws, naming api_domain.
     */
    static String trustedApiDomain(String value, URI accountsServer) {
        String url = InputValidator.baseUrl("api_domain", value);
        URI uri = URI.create(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean path = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
        boolean zohoApiHost = "https".equalsIgnoreCase(uri.getScheme()) && (uri.getPort() == -1 || uri.getPort() == 443)
                && ZOHO_API_HOST.matcher(host).matches() && !path;
        boolean accountsOrigin = uri.getScheme().equalsIgnoreCase(accountsServer.getScheme())
                && host.equals(accountsServer.getHost().toLowerCase(Locale.ROOT))
                && port(uri) == port(accountsServer) && !path;
        if (!zohoApiHost && !accountsOrigin) {
            throw InputValidator.invalid("api_domain", url,
                    "is not one of Zoho's API hosts (https://www., sandbox. or developer.zohoapis.<data centre>) nor the"
                            + " accounts server " + accountsServer.getScheme() + "://" + accountsServer.getRawAuthority()
                            + "; no access token is sent there");
        }
        return url;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds > 0 ? Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds())) : null;
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(now,
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() || until.isZero() ? null : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
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

    @Override
    public void close() throws IOException {
        if (ownsHttp) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "ZohoRefreshTokenProvider[" + tokenUrl + ", credentials=***]";
    }
}
