package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import io.github.camelzoho.attachments.client.RetryRule.Action;
import io.github.camelzoho.attachments.client.RetryRule.ErrorAnswer;
import io.github.camelzoho.attachments.client.RetryRule.Failure;
import io.github.camelzoho.attachments.client.RetryRule.FreshToken;
import io.github.camelzoho.attachments.client.RetryRule.IoFailure;
import io.github.camelzoho.attachments.client.RetryRule.MalformedBody;
import io.github.camelzoho.attachments.client.RetryRule.TokenEndpointFailed;
import io.github.camelzoho.attachments.client.RetryRule.TokenRefused;
import io.github.camelzoho.attachments.client.RetryRule.Verdict;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry rule as a table: for each method, body and failure, whether the attempt is sent again, and the note the user reads
 * when it is not. Whether a repeat is still allowed (maxRetries) and how long it waits is {@link ZohoRetryPolicy}'s part; what
 * the executor does with a verdict is covered over HTTP by ZohoAttachmentsRetryTest and the other component tests.
 */
class RetryRuleTest {

    private static final String HOST = "https://www.zohoapis.eu";
    private static final String WHY_NOT_AGAIN = "the stream was already read";
    private static final String CHECK = ": check that dataCenter and apiDomain name the data centre the credentials belong to";

    private static final Map<String, Failure> FAILURES = Map.ofEntries(
            Map.entry("token endpoint timed out", new TokenEndpointFailed(new SocketTimeoutException("Read timed out"))),
            Map.entry("token endpoint TLS handshake", new TokenEndpointFailed(new SSLHandshakeException("PKIX"))),
            Map.entry("token request cooling down", new TokenEndpointFailed(new ZohoTokenEndpointException("HTTP 429", null))),
            Map.entry("connection refused", new IoFailure(new ConnectException("Connection refused"))),
            Map.entry("connect timed out", new IoFailure(new ConnectTimeoutException("Connect timed out"))),
            Map.entry("unknown host", new IoFailure(new UnknownHostException("www.zohoapis.eu"))),
            Map.entry("TLS handshake", new IoFailure(new SSLHandshakeException("PKIX path building failed"))),
            Map.entry("read timed out", new IoFailure(new SocketTimeoutException("Read timed out"))),
            Map.entry("connection closed", new IoFailure(new ConnectionClosedException())),
            Map.entry("no response", new IoFailure(new NoHttpResponseException("no response"))),
            Map.entry("other I/O failure", new IoFailure(new IOException("broken pipe"))),
            Map.entry("malformed body", new MalformedBody()),
            Map.entry("429", new ErrorAnswer(429, "TOO_MANY_REQUESTS")),
            Map.entry("503", new ErrorAnswer(503, null)),
            Map.entry("400 TOO_MANY_REQUESTS", new ErrorAnswer(400, "TOO_MANY_REQUESTS")),
            Map.entry("400 RATE_LIMIT_EXCEEDED", new ErrorAnswer(400, "RATE_LIMIT_EXCEEDED")),
            Map.entry("500 INTERNAL_ERROR", new ErrorAnswer(500, "INTERNAL_ERROR")),
            Map.entry("502", new ErrorAnswer(502, null)),
            Map.entry("400 INVALID_DATA", new ErrorAnswer(400, "INVALID_DATA")),
            Map.entry("401 OAUTH_SCOPE_MISMATCH", new ErrorAnswer(401, "OAUTH_SCOPE_MISMATCH")),
            Map.entry("404", new ErrorAnswer(404, null)),
            Map.entry("401 INVALID_TOKEN, fresh token available", new TokenRefused(HOST, FreshToken.AVAILABLE)),
            Map.entry("401 INVALID_TOKEN, token not replaced", new TokenRefused(HOST, FreshToken.NOT_REPLACED)),
            Map.entry("401 INVALID_TOKEN, fresh token refused too", new TokenRefused(HOST, FreshToken.ALSO_REFUSED)));

    /** The notes users read at the end of the error message, in parentheses. */
    private static final Map<String, String> NOTES = Map.of(
            "may have reached Zoho",
            "the request may have reached Zoho, so it was not repeated: check the outcome in Zoho CRM",
            "may have carried out",
            "not repeated: Zoho may have carried the %s out; check in Zoho CRM before sending it again",
            "body spent", "not retried: " + WHY_NOT_AGAIN,
            "token not replaced",
            "refused by " + HOST + "; the token was not replaced: it is fixed, or Zoho issued it moments ago" + CHECK,
            "fresh token refused too", "refused by " + HOST + " even with a newly minted token" + CHECK,
            "cool-down", "the token provider's cool-down decides when Zoho's accounts server is asked again");

    @ParameterizedTest(name = "{0} ({1} body) after {2}: {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # method | body       | what happened                               | verdict                 | note
            # the token endpoint failed: nothing reached the API
            GET      | no         | token endpoint timed out                    | REPEAT                  | -
            POST     | resendable | token endpoint timed out                    | REPEAT                  | -
            DELETE   | no         | token endpoint timed out                    | REPEAT                  | -
            GET      | no         | token endpoint TLS handshake                | FAIL                    | -
            GET      | no         | token request cooling down                  | FAIL                    | cool-down
            POST     | resendable | token request cooling down                  | FAIL                    | cool-down
            # the request was never sent: any method is repeated, except when retrying cannot help (TLS)
            GET      | no         | connection refused                          | REPEAT                  | -
            POST     | resendable | connection refused                          | REPEAT                  | -
            DELETE   | no         | connection refused                          | REPEAT                  | -
            POST     | resendable | connect timed out                           | REPEAT                  | -
            DELETE   | no         | unknown host                                | REPEAT                  | -
            GET      | no         | TLS handshake                               | FAIL                    | -
            POST     | resendable | TLS handshake                               | FAIL                    | -
            DELETE   | no         | TLS handshake                               | FAIL                    | -
            # an I/O failure once the request may have been sent: only a GET is repeated
            GET      | no         | read timed out                              | REPEAT                  | -
            GET      | no         | connection closed                           | REPEAT                  | -
            GET      | no         | no response                                 | REPEAT                  | -
            POST     | resendable | read timed out                              | FAIL                    | may have reached Zoho
            POST     | resendable | no response                                 | FAIL                    | may have reached Zoho
            POST     | spent      | connection closed                           | FAIL                    | may have reached Zoho
            DELETE   | no         | read timed out                              | FAIL                    | may have reached Zoho
            DELETE   | no         | connection closed                           | FAIL                    | may have reached Zoho
            DELETE   | no         | other I/O failure                           | FAIL                    | may have reached Zoho
            # a body that is not the JSON expected: only a GET is repeated
            GET      | no         | malformed body                              | REPEAT                  | -
            POST     | resendable | malformed body                              | FAIL                    | -
            POST     | spent      | malformed body                              | FAIL                    | -
            DELETE   | no         | malformed body                              | FAIL                    | -
            # refused before Zoho did anything: any method is repeated, if its body can be sent again
            GET      | no         | 429                                         | REPEAT                  | -
            POST     | resendable | 429                                         | REPEAT                  | -
            DELETE   | no         | 429                                         | REPEAT                  | -
            DELETE   | no         | 503                                         | REPEAT                  | -
            POST     | resendable | 400 TOO_MANY_REQUESTS                       | REPEAT                  | -
            DELETE   | no         | 400 RATE_LIMIT_EXCEEDED                     | REPEAT                  | -
            POST     | spent      | 429                                         | FAIL                    | body spent
            POST     | spent      | 503                                         | FAIL                    | body spent
            # other 5xx: Zoho may have done it, so only a GET is repeated
            GET      | no         | 500 INTERNAL_ERROR                          | REPEAT                  | -
            GET      | no         | 502                                         | REPEAT                  | -
            POST     | resendable | 500 INTERNAL_ERROR                          | FAIL                    | may have carried out
            POST     | spent      | 502                                         | FAIL                    | may have carried out
            DELETE   | no         | 502                                         | FAIL                    | may have carried out
            # other 4xx: the same request would be refused again
            GET      | no         | 400 INVALID_DATA                            | FAIL                    | -
            POST     | resendable | 401 OAUTH_SCOPE_MISMATCH                    | FAIL                    | -
            DELETE   | no         | 404                                         | FAIL                    | -
            # a refused token: one more try with a fresh one, which does not count as a retry
            GET      | no         | 401 INVALID_TOKEN, fresh token available    | REPEAT_WITH_FRESH_TOKEN | -
            POST     | resendable | 401 INVALID_TOKEN, fresh token available    | REPEAT_WITH_FRESH_TOKEN | -
            DELETE   | no         | 401 INVALID_TOKEN, fresh token available    | REPEAT_WITH_FRESH_TOKEN | -
            POST     | spent      | 401 INVALID_TOKEN, fresh token available    | FAIL                    | body spent
            GET      | no         | 401 INVALID_TOKEN, fresh token refused too  | FAIL                    | fresh token refused too
            POST     | spent      | 401 INVALID_TOKEN, fresh token refused too  | FAIL                    | fresh token refused too
            DELETE   | no         | 401 INVALID_TOKEN, token not replaced       | FAIL                    | token not replaced
            # a body that cannot be sent again is never sent again, whatever happened
            POST     | spent      | token endpoint timed out                    | FAIL                    | body spent
            POST     | spent      | connection refused                          | FAIL                    | body spent
            """)
    void decides(String method, String body, String whatHappened, Action action, String noteKey) {
        Failure failure = FAILURES.get(whatHappened);
        assertTrue(failure != null, "no failure named '" + whatHappened + "' in FAILURES");
        String note = noteKey == null ? null : String.format(NOTES.get(noteKey), method);
        String whyNotAgain = switch (body) {
            case "spent" -> WHY_NOT_AGAIN;
            case "resendable", "no" -> null;
            default -> throw new IllegalArgumentException("body is resendable, spent or no, not " + body);
        };
        assertEquals(new Verdict(action, note), RetryRule.decide(method, whyNotAgain, failure));
    }

    @Test
    void onlyA401WithInvalidTokenIsARefusedToken() {
        assertTrue(RetryRule.refusesToken(401, "INVALID_TOKEN"));
        assertFalse(RetryRule.refusesToken(401, "OAUTH_SCOPE_MISMATCH"));
        assertFalse(RetryRule.refusesToken(400, "INVALID_TOKEN"));
        assertFalse(RetryRule.refusesToken(401, null));
    }
}
