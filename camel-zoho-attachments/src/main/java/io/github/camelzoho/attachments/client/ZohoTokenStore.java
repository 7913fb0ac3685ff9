package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.time.Instant;

/**
 * Keeps access tokens across restarts, so that a restarted application reuses a token that is still valid instead of minting a
 * new one (Zoho allows 10 per refresh token in 10 minutes). {@link ZohoFileTokenStore} keeps them in a file; implement it to
 * keep them in a database or a vault.
 * <p>
 * A store only ever sees an access token, its expiry and its API host, under a key that is a one-way digest of the credentials:
 * never the client id, the client secret or the refresh token. Implementations must be thread-safe; a failing store costs a
 * token (it is minted instead of loaded) but never fails a request.
 */
public interface ZohoTokenStore {

    /**
     * A token worth keeping.
     *
     * @param accessToken
     *            the access token
     * @param expiresAt
     *            when Zoho stops accepting it
     * @param apiDomain
     *            the API host it belongs to (Zoho's {@code api_domain}), or null
     */
    record StoredToken(String accessToken, Instant expiresAt, String apiDomain) {

        @Override
        public String toString() {
            return "StoredToken[***, expiresAt=" + expiresAt + ", apiDomain=" + apiDomain + "]";
        }
    }

    /** The token saved under {@code credentialsKey}, or null. It may have expired: the caller checks. */
    StoredToken load(String credentialsKey) throws IOException;

    /** Saves (replaces) the token under {@code credentialsKey}. */
    void save(String credentialsKey, StoredToken token) throws IOException;

    /** Forgets the token under {@code credentialsKey}, whatever it is. */
    void remove(String credentialsKey) throws IOException;

    /**
     * Forgets the token under {@code credentialsKey} only while it is {@code accessToken} (Zoho rejected that one): a newer
     * token another writer saved meanwhile stays. The default loads and compares, then removes; a store shared by several
     * writers overrides it to do both atomically, as {@link ZohoFileTokenStore} does.
     */
    default void remove(String credentialsKey, String accessToken) throws IOException {
        StoredToken stored = load(credentialsKey);
        if (stored != null && stored.accessToken() != null && stored.accessToken().equals(accessToken)) {
            remove(credentialsKey);
        }
    }
}
