package io.github.camelzoho.attachments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.camelzoho.attachments.client.ZohoAuthenticationException;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZohoAttachmentsAuthTest extends ZohoTestSupport {

    private static final String LIST = "zoho-attachments:list?module=Leads&recordId=" + RECORD;

    private List<RecordedRequest> tokenRequests() {
        return zoho.requests("POST", "/oauth/v2/token");
    }

    @Test
    void fortyConcurrentCallsOverTwoEndpointsMintOneToken() throws Exception {
        zoho.seedAttachments("Leads", RECORD, 3);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Callable<Exchange>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String uri = i % 2 == 0 ? LIST : LIST + "&perPage=100";
                calls.add(() -> call(uri, null));
            }
            for (Future<Exchange> result : pool.invokeAll(calls)) {
                assertNull(result.get().getException());
                assertEquals(3, result.get().getMessage().getBody(List.class).size());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, zoho.tokensMinted());
        assertEquals(1, tokenRequests().size());
        assertEquals(40, apiRequests().size());
        assertEquals(1, apiRequests().stream().map(r -> r.header("Authorization")).distinct().count());
    }

    @Test
    void tokenRequestCarriesTheRefreshGrantInTheBody() {
        call(LIST, null);

        RecordedRequest token = tokenRequests().get(0);
        assertNull(token.rawQuery(), "secrets stay out of the request line");
        assertTrue(token.body().contains("grant_type=refresh_token"), token.body());
        assertTrue(token.body().contains("client_id=" + CLIENT_ID), token.body());
    }

    @Test
    void invalidTokenIsRefreshedOnceAndTheCallSucceeds() {
        zoho.seedAttachments("Leads", RECORD, 1);
        call(LIST, null);
        zoho.revokeAccessTokens(); // the host accepted the token before: it was revoked, however young it is

        Exchange exchange = call(LIST, null);

        assertNull(exchange.getException());
        assertEquals(1, exchange.getMessage().getBody(List.class).size());
        assertEquals(2, zoho.tokensMinted());
        List<RecordedRequest> api = apiRequests();
        assertEquals(3, api.size());
        assertNotEquals(api.get(1).header("Authorization"), api.get(2).header("Authorization"));
    }

    @Test
    void aHostRefusingATokenMintedMomentsAgoNeverMakesItMintAgain() {
        zoho.fail("GET", ".*/Attachments").times(10).withZohoError(401, "INVALID_TOKEN", "invalid oauth token");

        for (int i = 0; i < 10; i++) {
            Exception e = call(LIST, null).getException();
            assertEquals("Zoho CRM answered INVALID_TOKEN (HTTP 401) to GET /crm/v8/Leads/" + RECORD
                    + "/Attachments: invalid oauth token (refused by " + zoho.baseUrl()
                    + "; the token was not replaced: it is fixed, or Zoho issued it moments ago: check that dataCenter and"
                    + " apiDomain name the data centre the credentials belong to)", e.getMessage());
        }

        assertEquals(10, apiRequests().size(), "no second try with another token");
        assertEquals(1, zoho.tokensMinted(), "Zoho's 10 tokens per 10 minutes are left alone");
    }

    @Test
    void aTokenRejectedEvenAfterRefreshFailsWithoutLooping() {
        assertNull(call(LIST, null).getException());
        zoho.fail("GET", ".*/Attachments").times(5).withZohoError(401, "INVALID_TOKEN", "invalid oauth token");

        Exception e = call(LIST, null).getException();

        assertTrue(e.getMessage().endsWith("(refused by " + zoho.baseUrl() + " even with a newly minted token: check that"
                + " dataCenter and apiDomain name the data centre the credentials belong to)"), e.getMessage());
        assertEquals(3, apiRequests().size(), "one retry with a fresh token, no more");
        assertEquals(2, zoho.tokensMinted());
    }

    /**
     * Through the component, on the wall clock: calls until the 2 s token was replaced, none rejected. When exactly it is
     * replaced (a tenth of its lifetime before it expires) is ZohoRefreshTokenProviderTest's, on a clock it moves.
     */
    @Test
    void aShortLivedTokenIsReplacedWithoutARequestBeingRejected() throws Exception {
        zoho.setTokenLifetime(Duration.ofSeconds(2));
        assertNull(call(LIST, null).getException());
        assertEquals(1, zoho.tokensMinted());

        int calls = 1;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (zoho.tokensMinted() < 2) {
            assertTrue(System.nanoTime() < deadline, "the 2 s token was not replaced within 20 s");
            Thread.sleep(20);
            assertNull(call(LIST, null).getException());
            calls++;
        }

        assertEquals(2, zoho.tokensMinted());
        // a rejected request is sent again with a new token: one API request per call means none was rejected
        assertEquals(calls, apiRequests().size(), "no request rejected for an expired token");
        assertEquals(2, apiRequests().stream().map(r -> r.header("Authorization")).distinct().count());
    }

    @Test
    void legacyExpiryInMillisecondsIsNotMistakenForSeconds() {
        zoho.setLegacyExpiryInMillis(true);

        for (int i = 0; i < 5; i++) {
            assertNull(call(LIST, null).getException());
        }

        assertEquals(1, zoho.tokensMinted());
    }

    @Test
    void invalidClientWithHttp200FailsClearlyAndIsNotRetried() {
        zoho.registerClient(CLIENT_ID, "another-secret", REFRESH_TOKEN);

        Exchange exchange = call(LIST, null);

        ZohoAuthenticationException e = assertInstanceOf(ZohoAuthenticationException.class, exchange.getException());
        assertEquals("invalid_client", e.getCode());
        assertEquals(200, e.getHttpStatus());
        assertEquals("Zoho OAuth refused to refresh the access token: invalid_client (HTTP 200) from POST /oauth/v2/token."
                + " Check clientId and clientSecret, and that dataCenter (or accountsDomain) is the one the client was"
                + " registered in. (next token request not before ",
                e.getMessage().substring(0, e.getMessage().indexOf("not before ") + "not before ".length()));
        assertTrue(e.getMessage().endsWith(" (a cool-down of 10 s after 1 failed token request(s) in a row))"), e.getMessage());
        assertEquals(1, tokenRequests().size());
        assertTrue(apiRequests().isEmpty());
    }

    @Test
    void revokedRefreshTokenIsInvalidCode() {
        zoho.revokeRefreshToken(REFRESH_TOKEN);

        ZohoAuthenticationException e = assertInstanceOf(ZohoAuthenticationException.class, call(LIST, null).getException());

        assertEquals("invalid_code", e.getCode());
        assertTrue(e.getMessage().contains("The refresh token (refreshToken) is unknown or was revoked: generate a new one."
                + " (next token request not before "), e.getMessage());
    }

    @Test
    void throttledMintingFailsFastForEveryCallerDuringTheCoolDown() {
        zoho.setMintLimit(1, Duration.ofMinutes(10));
        assertNull(call(LIST, null).getException());
        zoho.revokeAccessTokens();

        for (int i = 0; i < 5; i++) {
            ZohoAuthenticationException e = assertInstanceOf(ZohoAuthenticationException.class,
                    call(LIST, null).getException());
            assertEquals("Access Denied", e.getCode());
            assertTrue(e.getMessage().contains("You have made too many requests continuously"), e.getMessage());
        }

        assertEquals(2, tokenRequests().size(), "the refusal is remembered for a cool-down, not retried in a loop");
        assertEquals(1, zoho.tokensMinted());
    }

    @Test
    void apiDomainFromTheTokenResponseIsUsedWhenNoneIsConfigured() {
        zoho.seedAttachments("Leads", RECORD, 1);
        zoho.setTokenApiDomain(zoho.baseUrl());

        // No apiDomain: without the token's api_domain the call would go to https://www.zohoapis.com and fail.
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setApiDomain(null);
        Exchange exchange = call(LIST, null);

        assertNull(exchange.getException());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void fixedAccessTokenIsUsedAsIsAndNeverRefreshed() {
        zoho.addAccessToken("1000.fixed-token");
        zoho.seedAttachments("Leads", RECORD, 1);

        Exchange exchange = call(LIST + "&accessToken=1000.fixed-token", null);

        assertNull(exchange.getException());
        assertEquals("Zoho-oauthtoken 1000.fixed-token", apiRequests().get(0).header("Authorization"));
        assertTrue(tokenRequests().isEmpty());
    }

    @Test
    void customTokenProviderBeanIsUsed() {
        zoho.addAccessToken("1000.from-vault");
        context.getRegistry().bind("vault", (io.github.camelzoho.attachments.client.ZohoTokenProvider) () -> "1000.from-vault");

        Exchange exchange = call(LIST + "&tokenProvider=#vault", null);

        assertNull(exchange.getException());
        assertEquals("Zoho-oauthtoken 1000.from-vault", apiRequests().get(0).header("Authorization"));
        assertTrue(tokenRequests().isEmpty());
    }
}
