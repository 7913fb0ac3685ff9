package io.github.camelzoho.attachments.client;

/**
 * One API request for {@link ZohoHttpExecutor}.
 *
 * @param path
 *            the path below the API domain, already validated and encoded
 * @param query
 *            the encoded query string, or null
 * @param body
 *            the request body, or null
 * @param ifModifiedSince
 *            makes it a conditional GET, to which a 304 is an answer; null for none
 * @param successReader
 *            reads a non-empty 2xx body itself instead of {@link ZohoHttpExecutor.Response#body()}; null for none
 */
record ApiRequest(String method, String path, String query, ZohoHttpExecutor.RequestBody body, String ifModifiedSince,
        ZohoHttpExecutor.SuccessReader successReader) {

    static ApiRequest get(String path, String query) {
        return new ApiRequest("GET", path, query, null, null, null);
    }

    static ApiRequest delete(String path, String query) {
        return new ApiRequest("DELETE", path, query, null, null, null);
    }

    static ApiRequest post(String path, String query, ZohoHttpExecutor.RequestBody body) {
        return new ApiRequest("POST", path, query, body, null, null);
    }

    ApiRequest readWith(ZohoHttpExecutor.SuccessReader reader) {
        return new ApiRequest(method, path, query, body, ifModifiedSince, reader);
    }

    ApiRequest ifModifiedSince(String since) {
        return new ApiRequest(method, path, query, body, since, successReader);
    }
}
