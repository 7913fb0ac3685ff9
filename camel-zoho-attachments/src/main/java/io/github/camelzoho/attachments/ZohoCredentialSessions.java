package io.github.camelzoho.attachments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelzoho.attachments.client.FixedAccessTokenProvider;
import io.github.camelzoho.attachments.client.RefreshTokenProvider;
import io.github.camelzoho.attachments.client.ZohoConcurrencyLimiter;
import io.github.camelzoho.attachments.client.ZohoHttpClients;
import io.github.camelzoho.attachments.client.ZohoHttpSettings;
import io.github.camelzoho.attachments.client.ZohoInput;
import io.github.camelzoho.attachments.client.ZohoTokenProvider;

/**
 * What every endpoint using the same credentials shares: one token provider (so one token is minted, not one per endpoint or
 * thread, within Zoho's 10-per-10-minutes limit) and one concurrency limiter (Zoho's limit is per organisation). Keyed by a
 * digest of the credentials, never by the secrets themselves.
 */
final class ZohoCredentialSessions implements AutoCloseable {

    /** The shared parts for one credential set. */
    record Session(ZohoTokenProvider tokenProvider, ZohoConcurrencyLimiter limiter) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** The session for the endpoint's credentials, created on first use. */
    Session sessionFor(ZohoAttachmentsConfiguration config, String accountsUrl, ZohoHttpSettings httpSettings) {
        String key = key(config, accountsUrl);
        Session session = sessions.computeIfAbsent(key, k -> new Session(tokenProvider(config, accountsUrl, httpSettings),
                new ZohoConcurrencyLimiter(config.getMaxConcurrentRequests())));
        if (session.limiter().getPermits() != config.getMaxConcurrentRequests()) {
            throw ZohoInput.invalid("maxConcurrentRequests", String.valueOf(config.getMaxConcurrentRequests()),
                    "other endpoints with the same credentials already share a limit of " + session.limiter().getPermits()
                            + "; set maxConcurrentRequests once, on the component");
        }
        return session;
    }

    private static ZohoTokenProvider tokenProvider(
            ZohoAttachmentsConfiguration config, String accountsUrl, ZohoHttpSettings httpSettings) {
        if (config.getTokenProvider() != null) {
            return config.getTokenProvider();
        }
        if (config.getAccessToken() != null) {
            return new FixedAccessTokenProvider(config.getAccessToken());
        }
        return new RefreshTokenProvider(accountsUrl, config.getClientId(), config.getClientSecret(), config.getRefreshToken(),
                ZohoHttpClients.create(httpSettings), true);
    }

    private static String key(ZohoAttachmentsConfiguration config, String accountsUrl) {
        if (config.getTokenProvider() != null) {
            return "provider:" + System.identityHashCode(config.getTokenProvider());
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
    public void close() throws IOException {
        for (Session session : sessions.values()) {
            if (session.tokenProvider() instanceof RefreshTokenProvider refreshing) {
                refreshing.close();
            }
        }
        sessions.clear();
    }
}
