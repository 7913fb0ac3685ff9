package io.github.camelzoho.attachments.client;

/**
 * One API request for {@link HttpExecutor}: {@code path} (below the API domain) and {@code query} are validated and encoded;
 * {@code body}, {@code ifModifiedSince} and {@code successReader} may be null. An {@code ifModifiedSince} makes it a
 * conditional GET, to which a 304 is an answer; a {@code successReader} reads a non-empty 2xx body instead of the executor.
 * {@code once} sends it a single time whatever the answer: no retry, not even with a fresh token.
 */
record ApiRequest(String method, String path, String query, HttpExecutor.RequestBody body, String ifModifiedSince,
        HttpExecutor.SuccessReader successReader, boolean once) {

    static ApiRequest get(String path, String query) {
        return new ApiRequest("GET", path, query, null, null, null, false);
    }

    static ApiRequest delete(String path, String query) {
        return new ApiRequest("DELETE", path, query, null, null, null, false);
    }

    static ApiRequest post(String path, String query, HttpExecutor.RequestBody body) {
        return new ApiRequest("POST", path, query, body, null, null, false);
    }

    ApiRequest readWith(HttpExecutor.SuccessReader reader) {
        return new ApiRequest(method, path, query, body, ifModifiedSince, reader, once);
    }

    ApiRequest ifModifiedSince(String since) {
        return new ApiRequest(method, path, query, body, since, successReader, once);
    }

    /** The same request, sent a single time: a failure is the answer (one API credit at most). */
    ApiRequest onlyOnce() {
        return new ApiRequest(method, path, query, body, ifModifiedSince, successReader, true);
    }
}
