package io.github.camelzoho.attachments.client;

import java.util.Map;

/**
 * Zoho answered with an error: either the top-level envelope {@code {"code","details","message","status":"error"}} or an error
 * item inside {@code data[]}, or a body that could not be understood. Carries the HTTP status, Zoho's code, message and
 * details, and the request (method and path, never a token or a query string).
 */
public class ZohoApiException extends RuntimeException {

    private final int httpStatus;
    private final String code;
    private final String zohoMessage;
    private final Map<String, Object> details;
    private final String method;
    private final String path;
    private final int attempts;

    /** Zoho's error answer; {@code note}, when not null, is appended in parentheses, e.g. why it was not repeated. */
    static ZohoApiException answered(int status, HttpExecutor.ZohoError error, String method, String path, int attempts,
            String note) {
        return new ZohoApiException(describe(status, error.code(), error.message(), method, path, attempts, note), status,
                error.code(), error.message(), error.details(), method, path, attempts, null);
    }

    /** An answer whose body is not the JSON expected; {@code excerpt} is its beginning. */
    static ZohoApiException malformedBody(int status, String excerpt, String method, String path, int attempts, String note,
            Throwable cause) {
        String problem = "malformed response body: " + excerpt;
        return new ZohoApiException(describe(status, null, problem, method, path, attempts, note), status, null, problem, null,
                method, path, attempts, cause);
    }

    /** A well-formed answer that cannot be used, e.g. no result or a listing that would loop; never retried. */
    static ZohoApiException unexpectedAnswer(int status, String code, String problem, String method, String path, String note) {
        return new ZohoApiException(describe(status, code, problem, method, path, 1, note), status, code, problem, null, method,
                path, 1, null);
    }

    /** For subclasses that phrase their own message. */
    protected ZohoApiException(String message, int httpStatus, String code, String zohoMessage, Map<String, Object> details,
            String method, String path, int attempts, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.code = code;
        this.zohoMessage = zohoMessage;
        this.details = details == null ? Map.of() : Map.copyOf(details);
        this.method = method;
        this.path = path;
        this.attempts = attempts;
    }

    private static String describe(int status, String code, String message, String method, String path, int attempts,
            String note) {
        StringBuilder text = new StringBuilder("Zoho CRM answered ");
        text.append(code != null ? code + " (HTTP " + status + ")" : "HTTP " + status);
        text.append(" to ").append(method).append(' ').append(path);
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        if (attempts > 1) {
            text.append(" (gave up after ").append(attempts).append(" attempts)");
        }
        return text.append(note == null || note.isBlank() ? "" : " (" + note + ")").toString();
    }

    /** The HTTP status of Zoho's answer. */
    public int getHttpStatus() {
        return httpStatus;
    }

    /** Zoho's error code, e.g. {@code INVALID_MODULE}; null when the body carried none (e.g. malformed JSON). */
    public String getCode() {
        return code;
    }

    /** Zoho's own message, as sent. */
    public String getZohoMessage() {
        return zohoMessage;
    }

    /** Zoho's {@code details} object (read-only, never null). */
    public Map<String, Object> getDetails() {
        return details;
    }

    /** The HTTP method of the failed request. */
    public String getMethod() {
        return method;
    }

    /** The path of the failed request, without query string. */
    public String getPath() {
        return path;
    }

    /** How many attempts were made before giving up (1 when the error is not retryable). */
    public int getAttempts() {
        return attempts;
    }
}
