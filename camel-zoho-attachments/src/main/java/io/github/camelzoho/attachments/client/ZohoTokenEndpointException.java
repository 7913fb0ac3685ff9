package io.github.camelzoho.attachments.client;

import java.io.IOException;

/**
 * Zoho's accounts server could not mint a token: it throttled (HTTP 429), failed (5xx) or could not be reached. The token
 * provider remembers the failure for a cool-down, and every call until then fails with this exception at once, without a token
 * request; the message names the cause and when the next token request is made. Not retried by the client: the cool-down
 * decides when the accounts server is asked again.
 */
public class ZohoTokenEndpointException extends IOException {

    public ZohoTokenEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
