package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenEndpointTest extends ServerTestSupport {

    static final String ID = "1000.client";
    static final String SECRET = "s3cret";
    static final String REFRESH = "1000.refresh";

    @BeforeEach
    void register() {
        server.registerClient(ID, SECRET, REFRESH);
    }

    private String mintToken() {
        HttpResponse<String> response = mint(ID, SECRET, REFRESH);
        assertEquals(200, response.statusCode());
        return json(response).path("access_token").asText();
    }

    private int listStatus(String token) {
        return send(
                request(attachments("Leads", "1") + "?fields=id").setHeader("Authorization", "Zoho-oauthtoken " + token).GET())
                .statusCode();
    }

    @Test
    void mintsWithQueryParameters() {
        HttpResponse<String> response = mint(ID, SECRET, REFRESH);
        assertEquals(200, response.statusCode());
        JsonNode body = json(response);
        assertTrue(body.path("access_token").asText().matches("1000\\.[0-9a-f]{64}"), response.body());
        assertEquals(server.baseUrl(), body.path("api_domain").asText());
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3600, body.path("expires_in").asInt());
        assertFalse(body.has("expires_in_sec"));
        assertEquals(1, server.tokensMinted());
        assertEquals(204, listStatus(body.path("access_token").asText()));
    }

    @Test
    void mintsWithFormBody() {
        String form = "grant_type=refresh_token&client_id=" + enc(ID) + "&client_secret=" + SECRET + "&refresh_token="
                + enc(REFRESH);
        HttpResponse<String> response = send(CLIENT, HttpRequest.newBuilder(uri("/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, response.statusCode());
        assertTrue(json(response).has("access_token"));
    }

    @Test
    void mintsWithMultipartFormDataAsZohosSdkSendsIt() {
        Multipart form = new Multipart().field("client_id", ID).field("client_secret", SECRET)
                .field("grant_type", "refresh_token").field("refresh_token", REFRESH);

        HttpResponse<String> response = send(CLIENT, form.applyTo(HttpRequest.newBuilder(uri("/oauth/v2/token"))).build());

        assertEquals(200, response.statusCode());
        String token = json(response).path("access_token").asText();
        assertTrue(token.startsWith("1000."), response.body());
        assertEquals(1, server.tokensMinted());
        assertEquals(204, listStatus(token));
        assertEquals("[multipart/form-data: client_id=\"" + ID + "\", client_secret=\"" + SECRET
                + "\", grant_type=\"refresh_token\", refresh_token=\"" + REFRESH + "\"]",
                server.requests("POST", "/oauth/v2/token").get(0).body());
    }

    @Test
    void answersTheCurrentUserAsZohosSdkAsksAtStartUp() {
        String token = mintToken();

        HttpResponse<String> response = send(request("/crm/v8/users?type=CurrentUser")
                .setHeader("Authorization", "Zoho-oauthtoken " + token).GET());

        assertEquals(200, response.statusCode());
        JsonNode user = json(response).path("users").get(0);
        assertEquals("patricia.boyle@zylker.com", user.path("email").asText());
        assertEquals("4876876000000225013", user.path("id").asText());
        assertEquals(1, json(response).path("info").path("count").asInt());
        HttpResponse<String> org = send(request("/crm/v8/org").setHeader("Authorization", "Zoho-oauthtoken " + token).GET());
        assertEquals(200, org.statusCode());
        assertEquals("Zylker", json(org).path("org").get(0).path("company_name").asText());
        assertZohoError(send(CLIENT, HttpRequest.newBuilder(uri("/crm/v8/users?type=CurrentUser")).GET().build()), 401,
                "AUTHENTICATION_FAILURE");
        assertZohoError(send(request("/crm/v8/users?type=CurrentUser").setHeader("Authorization", "Zoho-oauthtoken 1000.x")
                .GET()), 401, "INVALID_TOKEN");
    }

    @Test
    void refusalsAreHttp200WithAnErrorKey() {
        assertEquals("{\"error\":\"invalid_client\"}", mint("unknown", SECRET, REFRESH).body());
        assertEquals("{\"error\":\"invalid_client\"}", mint(ID, "wrong", REFRESH).body());
        assertEquals("{\"error\":\"invalid_code\"}", mint(ID, SECRET, "unknown").body());
        server.revokeRefreshToken(REFRESH);
        HttpResponse<String> revoked = mint(ID, SECRET, REFRESH);
        assertEquals(200, revoked.statusCode());
        assertEquals("{\"error\":\"invalid_code\"}", revoked.body());
        HttpResponse<String> grant = send(CLIENT, HttpRequest.newBuilder(uri("/oauth/v2/token?grant_type=password"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, grant.statusCode());
        assertEquals("{\"error\":\"unsupported_grant_type\"}", grant.body());
        assertEquals(0, server.tokensMinted());
    }

    @Test
    void onlyPostIsAccepted() {
        assertEquals(405, send(CLIENT, HttpRequest.newBuilder(uri("/oauth/v2/token")).GET().build()).statusCode());
    }

    @Test
    void throttlesMintsPerRefreshToken() {
        server.setMintLimit(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            mintToken();
        }
        HttpResponse<String> denied = mint(ID, SECRET, REFRESH);
        assertEquals(200, denied.statusCode());
        assertEquals("Access Denied", json(denied).path("error").asText());
        assertEquals("You have made too many requests continuously. Please try again after some time.",
                json(denied).path("error_description").asText());
        assertEquals(3, server.tokensMinted());
    }

    @Test
    void throttleWindowSlides() throws InterruptedException {
        server.setMintLimit(1, Duration.ofMillis(300));
        mintToken();
        assertEquals("Access Denied", json(mint(ID, SECRET, REFRESH)).path("error").asText());
        Thread.sleep(350);
        mintToken();
    }

    @Test
    void defaultThrottleIsTenPerTenMinutes() {
        for (int i = 0; i < 10; i++) {
            mintToken();
        }
        assertEquals("Access Denied", json(mint(ID, SECRET, REFRESH)).path("error").asText());
    }

    @Test
    void sixteenthTokenDisplacesTheOldest() {
        server.setMintLimit(100, Duration.ofMinutes(1));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tokens.add(mintToken());
        }
        assertZohoError(send(request(attachments("Leads", "1"))
                .setHeader("Authorization", "Zoho-oauthtoken " + tokens.get(0)).GET()), 401, "INVALID_TOKEN");
        for (String token : tokens.subList(1, 16)) {
            assertEquals(204, listStatus(token));
        }
    }

    @Test
    void legacyExpiryIsInMilliseconds() {
        server.setLegacyExpiryInMillis(true);
        JsonNode body = json(mint(ID, SECRET, REFRESH));
        assertEquals(3_600_000L, body.path("expires_in").asLong());
        assertEquals(3600, body.path("expires_in_sec").asInt());
    }

    @Test
    void apiDomainIsConfigurable() {
        server.setTokenApiDomain("https://www.zohoapis.eu");
        assertEquals("https://www.zohoapis.eu", json(mint(ID, SECRET, REFRESH)).path("api_domain").asText());
    }

    @Test
    void tokensExpireAfterTheirLifetime() throws InterruptedException {
        server.setTokenLifetime(Duration.ofMillis(300));
        HttpResponse<String> response = mint(ID, SECRET, REFRESH);
        assertEquals(1, json(response).path("expires_in").asInt(), "rounded up to whole seconds");
        String token = json(response).path("access_token").asText();
        assertEquals(204, listStatus(token));
        Thread.sleep(400);
        assertZohoError(send(request(attachments("Leads", "1")).setHeader("Authorization", "Zoho-oauthtoken " + token)
                .GET()), 401, "INVALID_TOKEN");
    }

    @Test
    void revokeAccessTokensRejectsIssuedAndAddedTokensOnly() {
        String minted = mintToken();
        server.revokeAccessTokens();
        assertEquals(401, listStatus(minted));
        assertEquals(401, listStatus(TOKEN));
        assertEquals(204, listStatus(mintToken()));
    }
}
