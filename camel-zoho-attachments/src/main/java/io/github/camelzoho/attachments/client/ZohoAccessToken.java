package io.github.camelzoho.attachments.client;

/**
 * An access token and the API host it belongs to, read as one value: a request never pairs a token with the host of another
 * token (a token is only valid in its own data centre).
 *
 * @param value
 *            the access token
 * @param apiDomain
 *            the API host that came with it (Zoho's {@code api_domain}), or null when unknown
 */
public record ZohoAccessToken(String value, String apiDomain) {

    public ZohoAccessToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an access token must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ZohoAccessToken[***, apiDomain=" + apiDomain + "]";
    }
}
