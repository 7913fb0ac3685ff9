package io.github.camelzoho.attachments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.camelzoho.attachments.client.ZohoAccessToken;
import io.github.camelzoho.attachments.client.ZohoAuthenticationException;
import io.github.camelzoho.attachments.client.ZohoFixedAccessTokenProvider;
import io.github.camelzoho.attachments.client.ZohoTokenProvider;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where tokens go, which credentials an endpoint uses, and how many tokens restarts cost. */
class ZohoAttachmentsTokenSafetyTest extends ZohoTestSupport {

    private static final String LIST = "zoho-attachments:list?module=Leads&recordId=" + RECORD;

    @TempDir
    Path dir;

    @Test
    void elevenRestartsOfACamelContextWithATokenStoreFileMintOneToken() throws Exception {
        zoho.seedAttachments("Leads", RECORD, 2);
        Path file = dir.resolve("zoho-tokens.json");

        for (int restart = 0; restart < 11; restart++) {
            CamelContext restarted = new DefaultCamelContext();
            try {
                pointAt(restarted, zoho).setTokenStoreFile(file.toString());
                restarted.start();
                List<?> listed = restarted.createProducerTemplate().requestBody(LIST, null, List.class);
                assertEquals(2, listed.size());
            } finally {
                restarted.stop();
            }
        }

        assertEquals(1, zoho.tokensMinted(), "a restart reuses the token that is still valid");
        assertEquals(11, apiRequests().size());
        assertEquals(1, apiRequests().stream().map(r -> r.header("Authorization")).distinct().count());
    }

    @Test
    void aTokenAnswerNamingAForeignHostFailsAndTheHostReceivesNothing() {
        try (ZohoTestServer foreign = ZohoTestServer.start()) {
            zoho.setTokenApiDomain(foreign.baseUrl());
            context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setApiDomain(null);

            ZohoAuthenticationException e = assertInstanceOf(ZohoAuthenticationException.class,
                    call(LIST, null).getException());

            assertEquals("untrusted_api_domain", e.getCode());
            assertEquals("The API host named by Zoho's token answer (POST /oauth/v2/token) was not used: Invalid api_domain '"
                    + foreign.baseUrl() + "': is not one of Zoho's API hosts (https://www., sandbox. or"
                    + " developer.zohoapis.<data centre>) nor the accounts server " + zoho.baseUrl()
                    + "; no access token is sent there. Check accountsDomain and dataCenter, or set apiDomain.",
                    e.getMessage());
            assertInstanceOf(ZohoAuthenticationException.class, call(LIST, null).getException());
            assertTrue(foreign.requests().isEmpty(), "the foreign host received: " + foreign.requests());
            assertTrue(apiRequests().isEmpty());
            assertEquals(1, zoho.tokensMinted(), "the token is kept, not minted again for each request");

            // with an apiDomain configured, the token answer's api_domain plays no part
            assertNull(call(LIST + "&apiDomain=" + zoho.baseUrl(), null).getException());
        }
    }

    @Test
    void endpointRefreshCredentialsWinOverTheComponentsAccessToken() {
        zoho.addAccessToken("1000.component-token");
        zoho.registerClient("1000.ENDPOINTCLIENT", "endpoint-secret", "1000.endpoint-refresh");
        ZohoAttachmentsConfiguration config = context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                .getConfiguration();
        config.setAccessToken("1000.component-token");

        Exchange exchange = call(LIST + "&clientId=1000.ENDPOINTCLIENT&clientSecret=endpoint-secret"
                + "&refreshToken=1000.endpoint-refresh",
                null);

        assertNull(exchange.getException());
        assertEquals(1, zoho.tokensMinted());
        assertFalse(apiRequests().get(0).header("Authorization").endsWith("1000.component-token"));
        assertTrue(zoho.requests("POST", "/oauth/v2/token").get(0).body().contains("client_id=1000.ENDPOINTCLIENT"));
    }

    @Test
    void anEndpointAccessTokenWinsOverTheComponentsTokenProvider() {
        zoho.addAccessToken("1000.endpoint-token");
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration()
                .setTokenProvider(new ZohoFixedAccessTokenProvider("1000.component-provider-token"));

        assertNull(call(LIST + "&accessToken=1000.endpoint-token", null).getException());

        assertEquals("Zoho-oauthtoken 1000.endpoint-token", apiRequests().get(0).header("Authorization"));
    }

    @Test
    void aPasswordInADomainOptionIsMaskedInEveryMessage() {
        for (String uri : new String[]{
                LIST + "&apiDomain=https://zoho-user:pa55word@www.zohoapis.eu",
                LIST + "&accountsDomain=https://zoho-user:pa55word@accounts.zoho.eu:99999",
                LIST + "&apiDomain=RAW(https://zoho-user:pa55word@www.zohoapis.eu)",
                LIST + "&accountsDomain=https%3A%2F%2Fzoho-user%3Apa55word%40accounts.zoho.eu"}) {
            assertRefusedWithThePasswordMasked(uri);
        }
    }

    /** The endpoint is refused, and no message of the failure or its causes shows the URL's password, only {@code ***@}. */
    private void assertRefusedWithThePasswordMasked(String uri) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(uri),
                uri);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("pa55word"), uri + " leaks: " + t.getMessage());
            assertFalse(t.toString().contains("pa55word"), uri + " leaks: " + t);
        }
        assertTrue(e.getCause().getMessage().contains("***@"), e.getCause().getMessage());
    }

    @Test
    void aPasswordInADomainUrlThatDoesNotParseIsMaskedToo() {
        for (String uri : new String[]{
                LIST + "&accountsDomain=http:/zoho-user:pa55word@accounts.zoho.eu",
                LIST + "&apiDomain=https:///zoho-user:pa55word@www.zohoapis.eu",
                LIST + "&apiDomain=http:zoho-user:pa55word@www.zohoapis.eu",
                LIST + "&apiDomain=zoho-user:pa55word@www.zohoapis.eu",
                LIST + "&accountsDomain=RAW(http:\\\\zoho-user:pa55word@accounts.zoho.eu)"}) {
            assertRefusedWithThePasswordMasked(uri);
        }
    }

    @Test
    void twoTokenProviderBeansNeverShareASessionEvenWhenTheirIdentityHashesCollide() {
        ZohoTokenProvider[] pair = providersWithTheSameIdentityHash();
        zoho.addAccessToken("1000.first-bean");
        zoho.addAccessToken("1000.second-bean");
        context.getRegistry().bind("first", pair[0]);
        context.getRegistry().bind("second", pair[1]);

        assertNull(call(LIST + "&tokenProvider=#first", null).getException());
        assertNull(call(LIST + "&tokenProvider=#second", null).getException());

        assertEquals("Zoho-oauthtoken 1000.first-bean", apiRequests().get(0).header("Authorization"));
        assertEquals("Zoho-oauthtoken 1000.second-bean", apiRequests().get(1).header("Authorization"));
    }

    /** Two distinct providers whose System.identityHashCode is equal (found by the birthday paradox, ~10^5 objects). */
    private static ZohoTokenProvider[] providersWithTheSameIdentityHash() {
        Map<Integer, Holder> seen = new HashMap<>();
        for (int i = 0; i < 5_000_000; i++) {
            Holder holder = new Holder();
            Holder earlier = seen.putIfAbsent(System.identityHashCode(holder), holder);
            if (earlier != null) {
                earlier.token = "1000.first-bean";
                holder.token = "1000.second-bean";
                return new ZohoTokenProvider[]{earlier, holder};
            }
        }
        throw new AssertionError("no identity hash collision among 5,000,000 objects");
    }

    /** A provider whose token is set once it has been picked. */
    private static final class Holder implements ZohoTokenProvider {

        String token;

        @Override
        public String getAccessToken() {
            return token;
        }
    }

    @Test
    void aRequestUsesTheHostThatCameWithItsTokenReadAsOneValue() {
        zoho.addAccessToken("1000.with-host");
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).getConfiguration().setApiDomain(null);
        // a provider whose token and host are one value: asked separately it knows no host (as while a token is replaced)
        context.getRegistry().bind("paired", new ZohoTokenProvider() {

            @Override
            public String getAccessToken() {
                return "1000.with-host";
            }

            @Override
            public ZohoAccessToken getToken() {
                return new ZohoAccessToken("1000.with-host", zoho.baseUrl());
            }
        });

        Exchange exchange = call(LIST + "&tokenProvider=#paired&maxRetries=0&connectTimeout=500", null);

        assertNull(exchange.getException());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void anEndpointThatFailsToStartReleasesItsShareOfTheCredentialsSession() throws Exception {
        assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(LIST + "&maxConcurrentRequests=3&requestSlotTimeout=-1"));

        // nobody uses the credentials now, so another endpoint may set their shared limit
        assertNull(call(LIST + "&maxConcurrentRequests=5", null).getException());
    }

    @Test
    void theTokenStoreFileOptionIsCheckedAtStartUp() throws Exception {
        Files.createDirectories(dir.resolve("tokens"));
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(LIST + "&tokenStoreFile=" + dir.resolve("tokens")));
        assertEquals("Invalid tokenStoreFile '" + dir.resolve("tokens") + "': is a directory; name a file in it",
                e.getCause().getMessage());
    }
}
