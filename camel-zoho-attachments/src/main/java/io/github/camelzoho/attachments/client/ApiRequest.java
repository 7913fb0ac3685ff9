package io.github.camelzoho.attachments.client;

/**
 * One API request for {@link HttpExecutor}: {@code path} (below the API domain) and {@code query} are validated and encoded;
 * {@code body}, {@code ifModifiedSince} and {@code successReader} may be null. An {@code ifModifiedSince} makes it a
 * conditional GET, to which a 304 is an answer; a {@code successReader} reads a non-empty 2xx body instead of the executor.
 */
record ApiRequest(String method, String path, String query, HttpExecutor.RequestBody body, String ifModifiedSince,
        HttpExecutor.SuccessReader successReader) {

    static ApiRequest get(String path, String query) {
        return new ApiRequest("GET", path, query, null, null, null);
    }

    static ApiRequest delete(String path, String query) {
        return new ApiRequest("DELETE", path, query, null, null, null);
    }

    static ApiRequest post(String path, String query, HttpExecutor.RequestBody body) {
        return new ApiRequest("POST", path, query, body, null, null);
    }

    ApiRequest readWith(HttpExecutor.SuccessReader reader) {
        return new ApiRequest(method, path, query, body, ifModifiedSince, reader);
    }

    ApiRequest ifModifiedSince(String since) {
        return new ApiRequest(method, path, query, body, since, successReader);
    }
}
