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
import io.github.camelzoho.attachments.client.internal.InputValidator;

/**
 * What every endpoint using the same credentials shares: one token provider (so one token is minted, not one per endpoint or
 * thread, within Zoho's 10-per-10-minutes limit) and one concurrency limiter (Zoho's limit is per organisation). Keyed by a
 * digest of the credentials, never by the secrets themselves.
 */
final class ZohoCredentialSessions implements AutoCloseable {

    /** The shared parts for one credential set, and how many endpoints use them. */
    static final class Session {

        private final ZohoTokenProvider tokenProvider;
        private ZohoConcurrencyLimiter limiter;
        private int users;
        /** The API requests every endpoint with these credentials sent (maxRequestsPerDay is checked against it). */
        private final ZohoRequestMeter requests = new ZohoRequestMeter();

        private Session(ZohoTokenProvider tokenProvider, ZohoConcurrencyLimiter limiter) {
            this.tokenProvider = tokenProvider;
            this.limiter = limiter;
        }

        ZohoTokenProvider tokenProvider() {
            return tokenProvider;
        }

        ZohoConcurrencyLimiter limiter() {
            return limiter;
        }

        ZohoRequestMeter requests() {
            return requests;
        }
    }

    /** A user's tokenProvider bean, compared by identity: two beans never share a session, however they hash. */
    private record ProviderIdentity(ZohoTokenProvider provider) {

        @Override
        public boolean equals(Object other) {
            return other instanceof ProviderIdentity that && that.provider == provider;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(provider);
        }
    }

    private final Map<Object, Session> sessions = new HashMap<>();

    /**
     * The session for the endpoint's credentials, created on first use. Each call must be paired with {@link #release(Session)}
     * when the endpoint shuts down, so that a credential set nobody uses any more (a removed route) lets go of its token and
     * its limit.
     */
    synchronized Session sessionFor(ZohoAttachmentsConfiguration config, String accountsUrl, ZohoHttpSettings httpSettings) {
        Object key = key(config, accountsUrl);
        Session session = sessions.get(key);
        if (session == null) {
            session = new Session(tokenProvider(config, accountsUrl, httpSettings),
                    new ZohoConcurrencyLimiter(config.getMaxConcurrentRequests()));
            sessions.put(key, session);
        } else if (session.limiter().getPermits() != config.getMaxConcurrentRequests() && session.users == 0) {
            session.limiter = new ZohoConcurrencyLimiter(config.getMaxConcurrentRequests());
        } else if (session.limiter().getPermits() != config.getMaxConcurrentRequests()) {
            throw InputValidator.invalid("maxConcurrentRequests", String.valueOf(config.getMaxConcurrentRequests()),
                    "other endpoints with the same credentials already share a limit of " + session.limiter().getPermits()
                            + "; set maxConcurrentRequests once, on the component");
        }
        session.users++;
        return session;
    }

    /** An endpoint no longer uses its session. */
    synchronized void release(Session session) {
        session.users--;
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
            return new ProviderIdentity(config.getTokenProvider());
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
        for (Session session : sessions.values()) {
            close(session);
        }
        sessions.clear();
    }

    private static void close(Session session) throws IOException {
        if (session.tokenProvider() instanceof ZohoRefreshTokenProvider refreshing) {
            refreshing.close(); // a user's own tokenProvider bean is the user's to close
        }
    }
}
