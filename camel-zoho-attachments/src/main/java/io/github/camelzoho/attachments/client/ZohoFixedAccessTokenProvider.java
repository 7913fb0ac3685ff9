package io.github.camelzoho.attachments.client;

/** A fixed access token, for example one minted by another system. It is never refreshed. */
public final class ZohoFixedAccessTokenProvider implements ZohoTokenProvider {

    private final String accessToken;

    public ZohoFixedAccessTokenProvider(String accessToken) {
        // trim() also drops control characters, which isBlank() does not count as blank
        String trimmed = accessToken == null ? "" : accessToken.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        this.accessToken = trimmed;
    }

    @Override
    public String getAccessToken() {
        return accessToken;
    }

    @Override
    public String toString() {
        return "ZohoFixedAccessTokenProvider[token=***]";
    }
}
