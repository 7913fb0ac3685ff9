package io.github.camelzoho.attachments.client;

import java.util.Map;

/**
 * Zoho's accounts server refused to mint an access token: {@code invalid_client} (wrong client id or secret, or a client of
 * another data centre), {@code invalid_code} (refresh token revoked or unknown), or {@code Access Denied} (more than 10 tokens
 * minted per refresh token in 10 minutes). Zoho sends these with HTTP 200; they are never retried in a loop.
 */
public class ZohoAuthenticationException extends ZohoApiException {

    public ZohoAuthenticationException(int httpStatus, String error, String description, String path) {
        super(describe(httpStatus, error, description, path), httpStatus, error, description, Map.of(), "POST", path, 1, null);
    }

    private ZohoAuthenticationException(String message, int httpStatus, String error, String description, String path,
            Throwable cause) {
        super(message, httpStatus, error, description, Map.of(), "POST", path, 1, cause);
    }

    /**
     * Zoho's token answer named an {@code api_domain} that is not one of Zoho's API hosts, and no apiDomain is configured: the
     * token is sent nowhere. Code {@code untrusted_api_domain}.
     */
    static ZohoAuthenticationException untrustedApiDomain(String reason, String path) {
        return new ZohoAuthenticationException("The API host named by Zoho's token answer (POST " + path + ") was not used: "
                + reason + ". Check accountsDomain and dataCenter, or set apiDomain.",
                200, "untrusted_api_domain", reason, path, null);
    }

    /** This refusal with a note appended to its message (e.g. when the next token request is made). */
    ZohoAuthenticationException withNote(String note) {
        return new ZohoAuthenticationException(getMessage() + " (" + note + ")", getHttpStatus(), getCode(), getZohoMessage(),
                getPath(), this);
    }

    private static String describe(int status, String error, String description, String path) {
        StringBuilder text = new StringBuilder("Zoho OAuth refused to refresh the access token: ").append(error)
                .append(" (HTTP ").append(status).append(") from POST ").append(path);
        if (description != null && !description.isBlank()) {
            text.append(": ").append(description);
        }
        text.append(". ").append(hint(error));
        return text.toString();
    }

    private static String hint(String error) {
        if ("invalid_client".equals(error)) {
            return "Check clientId and clientSecret, and that dataCenter (or accountsDomain) is the one the client was registered in.";
        }
        if ("invalid_code".equals(error)) {
            return "The refresh token (refreshToken) is unknown or was revoked: generate a new one.";
        }
        if (error != null && error.toLowerCase().contains("access denied")) {
            return "Zoho allows 10 tokens per refresh token in 10 minutes: share one credential set instead of minting per node.";
        }
        return "Check the OAuth credentials and the data centre.";
    }
}
