package io.github.camelzoho.attachments.client;

/**
 * Told of every request sent to Zoho's API (each attempt, retries included; not the token endpoint), e.g. to count the API
 * credits spent. Called on the sending thread; must be fast and must not throw.
 */
@FunctionalInterface
public interface ZohoRequestListener {

    /** Does nothing. */
    ZohoRequestListener NONE = (method, path) -> {
    };

    /**
     * @param method
     *            the HTTP method
     * @param path
     *            the path below the API domain, without the query
     */
    void onRequest(String method, String path);
}
