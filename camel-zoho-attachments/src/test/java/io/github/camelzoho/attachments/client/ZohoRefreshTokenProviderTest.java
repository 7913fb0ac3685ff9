package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token provider against the test server's accounts endpoint, on a clock the test moves. */
class ZohoRefreshTokenProviderTest {

    private static final String ID = "1000.PROVIDERCLIENT";
    private static final String SECRET = "provider-client-secret";
    private static final String REFRESH = "1000.provider-refresh-token";

    private final ZohoTestServer zoho = ZohoTestServer.start();
    private final MovableClock clock = new MovableClock();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        zoho.close();
    }

    private ZohoRefreshTokenProvider provider(ZohoTokenStore store) {
        zoho.registerClient(ID, SECRET, REFRESH);
        return new ZohoRefreshTokenProvider(zoho.baseUrl(), ID, SECRET, REFRESH,
                ZohoHttpClients.create(ZohoHttpSettings.builder().build()), true, store, clock, Duration.ofSeconds(10));
    }

    private int tokenRequests() {
        return zoho.requests("POST", "/oauth/v2/token").size();
    }

    @Test
    void anEarlyRefreshRefusedWithAccessDeniedKeepsTheValidTokenAndBacksOff() throws Exception {
        zoho.setMintLimit(1, Duration.ofMinutes(10));
        ZohoRefreshTokenProvider provider = provider(null);
        String token = provider.getAccessToken();

        clock.advance(Duration.ofMinutes(57)); // inside the 5 minutes before expiry: an early refresh, which Zoho refuses
        assertEquals(token, provider.getAccessToken());
        assertEquals(2, tokenRequests());
        assertEquals(token, provider.getAccessToken(), "still valid for 3 minutes");
        assertEquals(2, tokenRequests(), "the next early refresh waits");

        clock.advance(Duration.ofSeconds(11));
        assertEquals(token, provider.getAccessToken());
        assertEquals(3, tokenRequests());
        clock.advance(Duration.ofSeconds(11));
        assertEquals(token, provider.getAccessToken());
        assertEquals(3, tokenRequests(), "the wait doubled after the second refusal");
        assertEquals(1, zoho.tokensMinted());
    }

    @Test
    void aTokenIsKeptUntilATenthOfItsLifetimeIsLeftThenReplacedWhileStillValid() throws Exception {
        zoho.setTokenLifetime(Duration.ofSeconds(100));
        ZohoRefreshTokenProvider provider = provider(null);
        String first = provider.getAccessToken();

        clock.advance(Duration.ofSeconds(89));
        assertEquals(first, provider.getAccessToken(), "11 s of 100 left: kept");
        assertEquals(1, tokenRequests());
        clock.advance(Duration.ofSeconds(2));
        String second = provider.getAccessToken();
        assertNotEquals(first, second, "9 s of 100 left: replaced");
        assertEquals(2, zoho.tokensMinted());
        clock.advance(Duration.ofSeconds(89));
        assertEquals(second, provider.getAccessToken(), "the new token's own lifetime counts from its minting");
        assertEquals(2, tokenRequests());
    }

    @Test
    void anHourLongTokenIsReplacedFiveMinutesBeforeItExpiresNotATenth() throws Exception {
        ZohoRefreshTokenProvider provider = provider(null); // the test server's tokens live one hour, as Zoho's
        String first = provider.getAccessToken();

        clock.advance(Duration.ofMinutes(55).minusSeconds(1));
        assertEquals(first, provider.getAccessToken(), "5 min 1 s left: kept (a tenth would be 6 min)");
        clock.advance(Duration.ofSeconds(2));
        assertNotEquals(first, provider.getAccessToken(), "4 min 59 s left: replaced");
        assertEquals(2, zoho.tokensMinted());
    }

    @Test
    void aTokenRefusedMomentsAfterItWasMintedIsKeptAndAnOlderOneIsReplacedOnce() throws Exception {
        ZohoRefreshTokenProvider provider = provider(null);
        String first = provider.getAccessToken();

        assertFalse(provider.invalidate(first), "minted moments ago: the host is wrong, not the token");
        assertEquals(first, provider.getAccessToken());
        assertEquals(1, zoho.tokensMinted());

        clock.advance(Duration.ofMinutes(2));
        assertTrue(provider.invalidate(first));
        String second = provider.getAccessToken();
        assertNotEquals(first, second);
        assertTrue(provider.invalidate(first), "a 401 for a token already replaced: retry with the current one");
        assertEquals(second, provider.getAccessToken());
        assertEquals(2, zoho.tokensMinted());

        // the re-minted token is refused as well: from now on a token must be twice as old before it is replaced
        assertFalse(provider.invalidate(second));
        clock.advance(Duration.ofSeconds(90));
        assertFalse(provider.invalidate(second));
        clock.advance(Duration.ofSeconds(31));
        assertTrue(provider.invalidate(second));
        assertEquals(2, zoho.tokensMinted());
    }

    @Test
    void aYoungTokenTheSameHostAcceptedBeforeWasRevokedAndIsReplaced() throws Exception {
        ZohoRefreshTokenProvider provider = provider(null);
        String first = provider.getAccessToken();

        assertTrue(provider.invalidate(first, true));
        assertNotEquals(first, provider.getAccessToken());
        assertEquals(2, zoho.tokensMinted());
    }

    @Test
    void aTokenAnswerNamingAnotherHostKeepsTheTokenWithoutAHostAndSaysWhy() throws Exception {
        zoho.setTokenApiDomain("https://www.zohoapis.com.evil.example");
        ZohoRefreshTokenProvider provider = provider(null);

        ZohoAccessToken token = provider.getToken();

        assertEquals(null, token.apiDomain());
        assertEquals("Invalid api_domain 'https://www.zohoapis.com.evil.example': is not one of Zoho's API hosts"
                + " (https://www., sandbox. or developer.zohoapis.<data centre>) nor the accounts server " + zoho.baseUrl()
                + "; no access token is sent there", token.refusedApiDomain());
        assertEquals(1, zoho.tokensMinted());
    }

    @Test
    void onlyZohosApiHostsOrTheAccountsServersOwnOriginReceiveTokens() {
        URI accounts = URI.create("https://accounts.zoho.eu");
        for (String trusted : new String[]{"https://www.zohoapis.eu", "https://sandbox.zohoapis.com.au",
                "https://developer.zohoapis.in", "https://www.zohoapis.com.cn/", "https://WWW.ZOHOAPIS.COM",
                "https://www.zohoapis.sa:443", "https://accounts.zoho.eu"}) {
            ZohoRefreshTokenProvider.trustedApiDomain(trusted, accounts);
        }
        for (String untrusted : new String[]{"http://www.zohoapis.com", "https://www.zohoapis.com.evil.example",
                "https://evil.example", "https://www.zohoapis.com:8443", "https://zohoapis.com", "https://www.zohoapis.com/crm",
                "http://accounts.zoho.eu", "https://accounts.zoho.eu:8443"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ZohoRefreshTokenProvider.trustedApiDomain(untrusted, accounts), untrusted);
            assertTrue(e.getMessage().startsWith("Invalid api_domain '"), e.getMessage());
        }
        // a server set through accountsDomain: its own origin, and no other port or scheme
        URI local = URI.create("http://127.0.0.1:8089");
        assertEquals("http://127.0.0.1:8089", ZohoRefreshTokenProvider.trustedApiDomain("http://127.0.0.1:8089/", local));
        assertThrows(IllegalArgumentException.class,
                () -> ZohoRefreshTokenProvider.trustedApiDomain("http://127.0.0.1:8090", local));
    }

    @Test
    void aFileStoreKeepsTheTokenAndItsExpiryOnlyReadableByItsOwnerAndARestartReusesIt() throws Exception {
        Path file = dir.resolve("tokens.json");
        String token = provider(new ZohoFileTokenStore(file)).getAccessToken();

        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(content.contains(token), content);
        assertTrue(content.contains("\"expires_at\""), content);
        for (String secret : new String[]{ID, SECRET, REFRESH}) {
            assertFalse(content.contains(secret), "the store holds a credential: " + content);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            // the lock file stays (deleting it would let two writers lock two different files); it holds nothing
            assertEquals(java.util.Set.of("tokens.json", ".tokens.json.lock"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "no temporary file left behind");
        }
        assertEquals(0, Files.size(dir.resolve(".tokens.json.lock")));

        ZohoRefreshTokenProvider restarted = provider(new ZohoFileTokenStore(file));
        assertEquals(token, restarted.getAccessToken());
        assertEquals(zoho.baseUrl(), restarted.getToken().apiDomain());
        assertEquals(1, zoho.tokensMinted());

        clock.advance(Duration.ofMinutes(56)); // near expiry: refreshed, and the store follows
        String next = restarted.getAccessToken();
        assertNotEquals(token, next);
        assertTrue(Files.readString(file).contains(next));
        assertFalse(Files.readString(file).contains(token));
    }

    @Test
    void aStoredTokenZohoRefusesIsForgotten() throws Exception {
        Path file = dir.resolve("tokens.json");
        String token = provider(new ZohoFileTokenStore(file)).getAccessToken();
        ZohoRefreshTokenProvider restarted = provider(new ZohoFileTokenStore(file));
        assertEquals(token, restarted.getAccessToken());

        assertTrue(restarted.invalidate(token), "a token of unknown age from the store is replaced");
        assertFalse(Files.readString(file).contains(token));
        assertNotEquals(token, restarted.getAccessToken());
        assertEquals(2, zoho.tokensMinted());
    }

    @Test
    void aRevokedRefreshTokenBacksOffLongerAfterEachFailureUpToACap() throws Exception {
        ZohoRefreshTokenProvider provider = provider(null);
        zoho.revokeRefreshToken(REFRESH);

        ZohoAuthenticationException first = assertThrows(ZohoAuthenticationException.class, provider::getAccessToken);
        assertEquals("invalid_code", first.getCode());
        assertEquals(1, tokenRequests());

        clock.advance(Duration.ofSeconds(11)); // past the first cool-down (10 s)
        assertThrows(ZohoAuthenticationException.class, provider::getAccessToken);
        assertEquals(2, tokenRequests());
        clock.advance(Duration.ofSeconds(11)); // inside the second one (20 s)
        ZohoAuthenticationException during = assertThrows(ZohoAuthenticationException.class, provider::getAccessToken);
        assertEquals(2, tokenRequests(), "a revoked refresh token is not asked about every 10 s forever");
        assertEquals("invalid_code", during.getCode());
        assertTrue(during.getMessage().contains("next token request not before"), during.getMessage());

        for (int i = 0; i < 12; i++) { // well past the cap
            clock.advance(Duration.ofMinutes(11));
            assertThrows(ZohoAuthenticationException.class, provider::getAccessToken);
        }
        assertEquals(14, tokenRequests(), "the cool-down is capped (at most 10 minutes)");
    }

    @Test
    void aThrottledAccountsServersRetryAfterIsHonouredAndATokenFollowsOnceItEnds() throws Exception {
        ZohoRefreshTokenProvider provider = provider(null);
        zoho.fail("POST", "/oauth/v2/token").header("Retry-After", "120").withStatus(429, "{}");

        IOException first = assertThrows(IOException.class, provider::getAccessToken);
        assertTrue(first.getMessage().contains("HTTP 429"), first.getMessage());
        clock.advance(Duration.ofSeconds(60));
        IOException during = assertThrows(IOException.class, provider::getAccessToken);
        assertTrue(during.getMessage().contains("HTTP 429"), during.getMessage());
        assertTrue(during.getMessage().contains("next token request not before"), during.getMessage());
        assertEquals(1, tokenRequests(), "Retry-After: 120 is longer than the 10 s cool-down");

        clock.advance(Duration.ofSeconds(61));
        assertNotNull(provider.getAccessToken());
        assertEquals(2, tokenRequests());
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
