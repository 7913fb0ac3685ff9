package io.github.camelzoho.attachments.client;

/** A fixed access token, for example one minted by another system. It is never refreshed. */
public final class FixedAccessTokenProvider implements ZohoTokenProvider {

    private final String accessToken;

    public FixedAccessTokenProvider(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        this.accessToken = accessToken.trim();
    }

    @Override
    public String getAccessToken() {
        return accessToken;
    }

    @Override
    public String toString() {
        return "FixedAccessTokenProvider[token=***]";
    }
}
