package io.github.camelzoho.attachments.testserver;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the handlers need of a request. A multipart body is left as a stream (uploads can be large), any other body is already
 * read.
 *
 * @param method
 *            the HTTP method
 * @param path
 *            the decoded path
 * @param query
 *            the decoded query parameters
 * @param authorization
 *            the Authorization header, or null
 * @param contentType
 *            the Content-Type header, or null
 * @param boundary
 *            the multipart boundary, or null when the body is not multipart
 * @param body
 *            the body when it is not multipart (at most the first MiB), else null
 * @param stream
 *            the body when it is multipart, else null
 * @param summary
 *            replaces the recorded body of a multipart request with a summary once it is parsed
 * @param ifModifiedSince
 *            the If-Modified-Since header, or null
 */
record IncomingRequest(String method, String path, Map<String, List<String>> query, String authorization,
        String contentType, String boundary, byte[] body, InputStream stream, Consumer<String> summary,
        String ifModifiedSince) {

    String param(String name) {
        return QueryString.first(query, name);
    }
}
