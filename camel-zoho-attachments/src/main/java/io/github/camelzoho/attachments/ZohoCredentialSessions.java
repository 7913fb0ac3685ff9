package io.github.camelzoho.attachments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.github.camelzoho.attachments.client.ZohoConcurrencyLimiter;
import io.github.camelzoho.attachments.client.ZohoFileTokenStore;
import io.github.camelzoho.attachments.client.ZohoFixedAccessTokenProvider;
import io.github.camelzoho.attachments.client.ZohoHttpClients;
import io.github.camelzoho.attachments.client.ZohoHttpSettings;
import io.github.camelzoho.attachments.client.ZohoRefreshTokenProvider;
import io.github.camelzoho.attachments.client.ZohoTokenProvider;
import io.github.camelzoho.attachments.client.ZohoTokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What endpoints using the same credentials share.
 * <ul>
 * <li>One concurrency limiter and one request meter per credential set (Zoho's limits are per organisation). The limit is the
 * component's maxConcurrentRequests, whichever endpoint starts first: an endpoint that sets another value is told so in a WARN
 * naming both, and neither refused nor allowed to change the others' limit.</li>
 * <li>One token provider per credential set <em>and</em> everything that shapes the token request: accounts server, proxy
 * (host, port, user, password), TLS parameters, timeouts and httpClientConfigurer. So a token request is always made with the
 * HTTP settings of the endpoint that needs the token: no endpoint's proxy or TLS settings carry another endpoint's secrets, and
 * one endpoint's broken settings lock no other out. Endpoints whose settings agree (the usual case: set once, on the component)
 * share one token; each differing group mints its own.</li>
 * </ul>
 * Keyed by digests of the credentials, never by the secrets themselves.
 */
final class ZohoCredentialSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoCredentialSessions.class);

    /** What every endpoint with one credential set shares, and how many endpoints use it. */
    private static final class CredentialSet {

        private ZohoConcurrencyLimiter limiter;
        private int users;
        /** The API requests every endpoint with these credentials sent (maxRequestsPerDay is checked against it). */
        private final ZohoRequestMeter requests = new ZohoRequestMeter();

        private CredentialSet(ZohoConcurrencyLimiter limiter) {
            this.limiter = limiter;
        }
    }

    /** One endpoint's share: the token provider for its credentials and HTTP settings, and its credential set's limits. */
    static final class Session {

        private final ZohoTokenProvider tokenProvider;
        private final CredentialSet credentials;

        private Session(ZohoTokenProvider tokenProvider, CredentialSet credentials) {
            this.tokenProvider = tokenProvider;
            this.credentials = credentials;
        }

        ZohoTokenProvider tokenProvider() {
            return tokenProvider;
        }

        ZohoConcurrencyLimiter limiter() {
            return credentials.limiter;
        }

        ZohoRequestMeter requests() {
            return credentials.requests;
        }
    }

    /** An object compared by identity (a bean, a configurer, TLS parameters): two never match, however they hash. */
    private record Identity(Object value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** Everything about an endpoint's HTTP client that shapes its token request; secrets as digests. */
    private record HttpShape(String proxyHost, Integer proxyPort, String proxyUsername, String proxyPasswordDigest,
            Identity tls, long connectTimeout, long responseTimeout, Identity configurer) {
    }

    private record TokenKey(Object credentials, HttpShape http) {
    }

    private final Map<Object, CredentialSet> credentialSets = new HashMap<>();
    private final Map<TokenKey, ZohoTokenProvider> providers = new HashMap<>();

    /**
     * The session for the endpoint's credentials and HTTP settings, created on first use. Each call must be paired with
     * {@link #release(Session)} when the endpoint shuts down, so that a credential set nobody uses any more (a removed route)
     * lets go of its limit.
     *
     * @param tls
     *            the TLS parameters the endpoint's client uses (its own or the global ones), or null
     * @param sharedLimit
     *            the component's maxConcurrentRequests: the limit of every credential set
     * @param endpoint
     *            the endpoint, named in a warning
     */
    synchronized Session sessionFor(ZohoAttachmentsConfiguration config, String accountsUrl, ZohoHttpSettings httpSettings,
            Object tls, int sharedLimit, String endpoint) {
        Object key = key(config, accountsUrl);
        CredentialSet set = credentialSets.get(key);
        if (set == null) {
            set = new CredentialSet(new ZohoConcurrencyLimiter(sharedLimit));
            credentialSets.put(key, set);
        } else if (set.limiter.getPermits() != sharedLimit && set.users == 0) {
            set.limiter = new ZohoConcurrencyLimiter(sharedLimit); // the component's limit changed while nobody used it
        }
        if (config.getMaxConcurrentRequests() != set.limiter.getPermits()) {
            LOG.warn("{} sets maxConcurrentRequests={}, but every endpoint with the same credentials shares the component's"
                    + " limit of {} (Zoho's limit is per organisation): the endpoint's value is ignored. Set"
                    + " maxConcurrentRequests once, on the component (camel.component.zoho-attachments.maxConcurrentRequests).",
                    endpoint, config.getMaxConcurrentRequests(), set.limiter.getPermits());
        }
        TokenKey tokenKey = new TokenKey(key, shape(config, tls));
        ZohoTokenProvider provider = providers.get(tokenKey);
        if (provider == null) {
            provider = tokenProvider(config, accountsUrl, httpSettings);
            providers.put(tokenKey, provider);
        }
        set.users++;
        return new Session(provider, set);
    }

    /** An endpoint no longer uses its session. */
    synchronized void release(Session session) {
        session.credentials.users--;
    }

    private static HttpShape shape(ZohoAttachmentsConfiguration config, Object tls) {
        if (config.getTokenProvider() != null || config.getAccessToken() != null) {
            return null; // no token request is made
        }
        return new HttpShape(config.getProxyHost(), config.getProxyHost() == null ? null : config.getProxyPort(),
                config.getProxyHost() == null ? null : config.getProxyAuthUsername(),
                config.getProxyHost() == null || config.getProxyAuthPassword() == null
                        ? null
                        : digest(config.getProxyAuthPassword()),
                tls == null ? null : new Identity(tls), config.getConnectTimeout(), config.getResponseTimeout(),
                config.getHttpClientConfigurer() == null ? null : new Identity(config.getHttpClientConfigurer()));
    }

    private static ZohoTokenProvider tokenProvider(
            ZohoAttachmentsConfiguration config, String accountsUrl, ZohoHttpSettings httpSettings) {
        if (config.getTokenProvider() != null) {
            return config.getTokenProvider();
        }
        if (config.getAccessToken() != null) {
            return new ZohoFixedAccessTokenProvider(config.getAccessToken());
        }
        return new ZohoRefreshTokenProvider(accountsUrl, config.getClientId(), config.getClientSecret(),
                config.getRefreshToken(),
                ZohoHttpClients.create(httpSettings), true, tokenStore(config));
    }

    private static ZohoTokenStore tokenStore(ZohoAttachmentsConfiguration config) {
        if (config.getTokenStore() != null) {
            return config.getTokenStore();
        }
        return config.getTokenStoreFile() == null ? null : new ZohoFileTokenStore(Path.of(config.getTokenStoreFile()));
    }

    private static Object key(ZohoAttachmentsConfiguration config, String accountsUrl) {
        if (config.getTokenProvider() != null) {
            return new Identity(config.getTokenProvider());
        }
        if (config.getAccessToken() != null) {
            return "token:" + digest(config.getAccessToken());
        }
        return "refresh:" + accountsUrl + ":"
                + digest(config.getClientId() + '\n' + config.getClientSecret() + '\n' + config.getRefreshToken());
    }

    private static String digest(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (ZohoTokenProvider provider : providers.values()) {
            if (provider instanceof ZohoRefreshTokenProvider refreshing) {
                refreshing.close(); // a user's own tokenProvider bean is the user's to close
            }
        }
        providers.clear();
        credentialSets.clear();
    }
}
