package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Whether a failed attempt is sent again: the one place this is decided. What users rely on: a DELETE or POST that Zoho may
 * have carried out is never repeated, and a body that cannot be sent again (a stream already read) never is. So: 429, 503 and
 * failures before the request was sent are repeated for any method (not a TLS handshake: it would fail again; nor a failed
 * token request of {@link ZohoRefreshTokenProvider}, whose cool-down decides when the accounts server is asked again); other
 * 5xx, I/O failures and malformed bodies only for a GET; a refused token once with a fresh one; other 4xx never. A pure
 * function, tested as a table in RetryRuleTest: the executor applies the verdict, {@link ZohoRetryPolicy} says how long to wait
 * and how often.
 */
final class RetryRule {

    private RetryRule() {
    }

    /** What happened to one attempt: one of the records below. */
    sealed interface Failure {
    }

    /** The token endpoint failed: nothing was sent to the API yet. */
    record TokenEndpointFailed(IOException cause) implements Failure {
    }

    /** The request failed on the wire: before it was sent (no connection), or after, when Zoho may have it. */
    record IoFailure(IOException cause) implements Failure {
    }

    /** An answer whose body could not be read as the JSON expected, whatever its status. */
    record MalformedBody() implements Failure {
    }

    /** An error answer other than a refused token. */
    record ErrorAnswer(int status, String code) implements Failure {
    }

    /** {@code host} refused the access token (HTTP 401 INVALID_TOKEN); whether another token can be sent. */
    record TokenRefused(String host, FreshToken freshToken) implements Failure {
    }

    enum FreshToken {
        AVAILABLE, NOT_REPLACED, ALSO_REFUSED
    }

    /** REPEAT_WITH_FRESH_TOKEN does not count as a retry. */
    enum Action {
        REPEAT, REPEAT_WITH_FRESH_TOKEN, FAIL
    }

    /** What to do; {@code note} says why a failure was not repeated (null: nothing to add). */
    record Verdict(Action action, String note) {

        static final Verdict REPEAT = new Verdict(Action.REPEAT, null);
        static final Verdict FAIL = new Verdict(Action.FAIL, null);
    }

    /** Zoho's answer to an expired or revoked token. */
    static boolean refusesToken(int status, String code) {
        return status == 401 && "INVALID_TOKEN".equals(code);
    }

    /**
     * @param method
     *            the request's method: only GET is safe to repeat
     * @param whyBodyNotAgain
     *            why the request's body cannot be sent again, or null when it can (or there is none)
     */
    static Verdict decide(String method, String whyBodyNotAgain, Failure failure) {
        Verdict verdict = decideForResendableBody(method, failure);
        return verdict.action() != Action.FAIL && whyBodyNotAgain != null
                ? fail("not retried: " + whyBodyNotAgain)
                : verdict;
    }

    private static Verdict fail(String note) {
        return new Verdict(Action.FAIL, note);
    }

    private static Verdict decideForResendableBody(String method, Failure failure) {
        boolean safe = "GET".equals(method);
        if (failure instanceof TokenEndpointFailed f) {
            if (f.cause() instanceof ZohoTokenEndpointException) {
                // the token provider cools down after a failed token request: a retry would only meet the same failure
                return fail("the token provider's cool-down decides when Zoho's accounts server is asked again");
            }
            // a certificate that is not trusted stays untrusted: retrying only delays the error
            return f.cause() instanceof SSLHandshakeException ? Verdict.FAIL : Verdict.REPEAT;
        } else if (failure instanceof IoFailure f) {
            IOException e = f.cause();
            if (e instanceof SSLHandshakeException) {
                return Verdict.FAIL; // as above
            }
            boolean neverSent = e instanceof ConnectException || e instanceof ConnectTimeoutException
                    || e instanceof UnknownHostException;
            return safe || neverSent
                    ? Verdict.REPEAT
                    : fail("the request may have reached Zoho, so it was not repeated: check the outcome in Zoho CRM");
        } else if (failure instanceof MalformedBody) {
            return safe ? Verdict.REPEAT : Verdict.FAIL;
        } else if (failure instanceof TokenRefused f) {
            String check = ": check that dataCenter and apiDomain name the data centre the credentials belong to";
            return switch (f.freshToken()) {
                case AVAILABLE -> new Verdict(Action.REPEAT_WITH_FRESH_TOKEN, null);
                case ALSO_REFUSED -> fail("refused by " + f.host() + " even with a newly minted token" + check);
                case NOT_REPLACED -> fail("refused by " + f.host()
                        + "; the token was not replaced: it is fixed, or Zoho issued it moments ago" + check);
            };
        }
        ErrorAnswer answer = (ErrorAnswer) failure;
        // Zoho refused these before doing anything: any method may be sent again
        if (answer.status() == 429 || answer.status() == 503 || "TOO_MANY_REQUESTS".equals(answer.code())
                || "RATE_LIMIT_EXCEEDED".equals(answer.code())) {
            return Verdict.REPEAT;
        }
        if (answer.status() >= 500) {
            return safe
                    ? Verdict.REPEAT
                    : fail("not repeated: Zoho may have carried the " + method
                            + " out; check in Zoho CRM before sending it again");
        }
        return Verdict.FAIL;
    }
}
