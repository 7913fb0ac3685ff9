package io.github.camelzoho.attachments.client;

/**
 * An access token and the API host it belongs to, read as one value: a request never pairs a token with the host of another
 * token (a token is only valid in its own data centre).
 *
 * @param value
 *            the access token
 * @param apiDomain
 *            the API host that came with it (Zoho's {@code api_domain}), or null when unknown
 * @param refusedApiDomain
 *            why the {@code api_domain} that came with the token may not receive it (not one of Zoho's API hosts), or null; a
 *            request then fails unless an apiDomain is configured
 */
public record ZohoAccessToken(String value, String apiDomain, String refusedApiDomain) {

    public ZohoAccessToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an access token must not be blank");
        }
    }

    /** A token and its API host (null when unknown). */
    public ZohoAccessToken(String value, String apiDomain) {
        this(value, apiDomain, null);
    }

    @Override
    public String toString() {
        return "ZohoAccessToken[***, apiDomain=" + apiDomain + (refusedApiDomain == null ? "" : ", refused api_domain") + "]";
    }
}
