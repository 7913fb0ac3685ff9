package io.github.camelzoho.attachments.testserver;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthenticationTest extends ServerTestSupport {

    private HttpResponse<String> listWith(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(attachments("Leads", "1") + "?fields=id"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(CLIENT, request.GET().build());
    }

    @Test
    void missingHeaderIsAuthenticationFailure() {
        HttpResponse<String> response = listWith(null);
        assertEquals(401, response.statusCode());
        assertEquals("{\"code\":\"AUTHENTICATION_FAILURE\",\"details\":{},\"message\":\"Authentication failed\","
                + "\"status\":\"error\"}",
                response.body());
    }

    @Test
    void malformedHeaderIsAuthenticationFailure() {
        assertZohoError(listWith("Bearer " + TOKEN), 401, "AUTHENTICATION_FAILURE");
        assertZohoError(listWith("Zoho-oauthtoken "), 401, "AUTHENTICATION_FAILURE");
    }

    @Test
    void unknownTokenIsInvalidToken() {
        HttpResponse<String> response = listWith("Zoho-oauthtoken 1000.unknown");
        assertEquals(401, response.statusCode());
        assertEquals("{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\","
                + "\"status\":\"error\"}",
                response.body());
    }

    @Test
    void addedTokenIsAccepted() {
        assertEquals(204, listWith(AUTH).statusCode());
    }
}
