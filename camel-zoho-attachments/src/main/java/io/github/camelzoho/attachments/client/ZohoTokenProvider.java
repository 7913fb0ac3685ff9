package io.github.camelzoho.attachments.client;

import java.io.IOException;

/**
 * Supplies Zoho OAuth access tokens. One provider serves every request made with the same credentials, so Zoho's limits (10
 * tokens per refresh token per 10 minutes, 15 active) are respected however many endpoints, routes and threads use it.
 * Implement it to take tokens from a vault or a cluster-wide store.
 */
public interface ZohoTokenProvider {

    /**
     * A token that is valid now; may block while one is fetched.
     *
     * @throws ZohoAuthenticationException
     *             Zoho refused to mint one (not worth retrying)
     * @throws IOException
     *             the token endpoint could not be reached (worth retrying)
     */
    String getAccessToken() throws IOException;

    /**
     * A token that is valid now together with the API host it belongs to, read as one value. The default pairs
     * {@link #getAccessToken()} with {@link #getApiDomain()}; a provider whose token can change between the two calls overrides
     * it.
     */
    default ZohoAccessToken getToken() throws IOException {
        return new ZohoAccessToken(getAccessToken(), getApiDomain());
    }

    /**
     * Zoho rejected {@code rejectedToken} with INVALID_TOKEN. Returns true when the next {@link #getToken()} will give a
     * different token, so the request is worth one more try; a fixed token returns false, and so may a provider that judges the
     * token sound (for example one Zoho issued moments ago: then the host is wrong, not the token, and minting another would
     * only use up Zoho's 10 tokens per 10 minutes).
     */
    default boolean invalidate(String rejectedToken) {
        return false;
    }

    /**
     * As {@link #invalidate(String)}, telling whether the host that now refuses the token accepted it before: then the token
     * was revoked (or displaced by a 16th one), however young it is, and replacing it is the cure. The default ignores that
     * hint.
     */
    default boolean invalidate(String rejectedToken, boolean acceptedBeforeByThisHost) {
        return invalidate(rejectedToken);
    }

    /** The API domain that came with the token (Zoho's {@code api_domain}), or null when unknown. */
    default String getApiDomain() {
        return null;
    }
}
