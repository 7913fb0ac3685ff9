package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Zoho's accounts server: the refresh-token grant of {@code /oauth/v2/token} with its throttle and its cap on active tokens,
 * and the validity of access tokens for the API. Thread-safe.
 */
final class OAuthTokens {

    /** What the API's Authorization check found. */
    enum Check {
        VALID,
        /** No header, or not {@code Zoho-oauthtoken <token>}. */
        MISSING,
        /** Unknown, revoked, displaced or expired. */
        INVALID
    }

    /** Zoho's users endpoint, which its SDKs ask for the current user. */
    static final Pattern USERS_PATH = Pattern.compile("/crm/v\\d+/(users|org)");
    static final String CURRENT_USER_ID = "4876876000000225013";
    static final String CURRENT_USER_EMAIL = "patricia.boyle@zylker.com";

    private static final int MAX_FORM_FIELD = 64 * 1024;

    /** Zoho keeps at most this many access tokens active per refresh token. */
    static final int MAX_ACTIVE_TOKENS = 15;

    private static final String SCHEME = "Zoho-oauthtoken ";
    private static final long NEVER_EXPIRES = Long.MAX_VALUE;

    private static final class Grant {

        final String clientId;
        boolean revoked;
        final Deque<Long> mintTimes = new ArrayDeque<>();
        final Deque<String> activeTokens = new ArrayDeque<>();

        Grant(String clientId) {
            this.clientId = clientId;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Supplier<String> defaultApiDomain;
    private final Map<String, String> clientSecrets = new HashMap<>();
    private final Map<String, Grant> grants = new HashMap<>();
    // read by every API request, so lock-free; value: expiry as System.nanoTime() deadline
    private final Map<String, Long> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger minted = new AtomicInteger();

    private Duration lifetime = Duration.ofHours(1);
    private boolean legacyExpiryInMillis;
    private String apiDomain;
    private int mintLimit = 10;
    private Duration mintWindow = Duration.ofMinutes(10);

    OAuthTokens(Supplier<String> defaultApiDomain) {
        this.defaultApiDomain = defaultApiDomain;
    }

    synchronized void registerClient(String clientId, String clientSecret, String refreshToken) {
        clientSecrets.put(clientId, clientSecret);
        grants.put(refreshToken, new Grant(clientId));
    }

    void addAccessToken(String token) {
        accessTokens.put(token, NEVER_EXPIRES);
    }

    synchronized void revokeAccessTokens() {
        accessTokens.clear();
        grants.values().forEach(g -> g.activeTokens.clear());
    }

    synchronized void revokeRefreshToken(String refreshToken) {
        Grant grant = grants.get(refreshToken);
        if (grant != null) {
            grant.revoked = true;
        }
    }

    synchronized void setTokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive: " + lifetime);
        }
        this.lifetime = lifetime;
    }

    synchronized void setLegacyExpiryInMillis(boolean legacy) {
        this.legacyExpiryInMillis = legacy;
    }

    synchronized void setApiDomain(String apiDomain) {
        this.apiDomain = apiDomain;
    }

    synchronized void setMintLimit(int tokens, Duration window) {
        if (tokens < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("mint limit needs tokens >= 1 and a positive window");
        }
        this.mintLimit = tokens;
        this.mintWindow = window;
    }

    int tokensMinted() {
        return minted.get();
    }

    /** Checks an API request's Authorization header. */
    /** Zoho's answer to a request whose token is missing or not valid, or null when the token is good. */
    Reply refusal(String authorization) {
        switch (check(authorization)) {
            case MISSING :
                return Reply.zohoError(401, "AUTHENTICATION_FAILURE", "Authentication failed");
            case INVALID :
                return Reply.zohoError(401, "INVALID_TOKEN", "invalid oauth token");
            default :
                return null;
        }
    }

    Check check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Check.MISSING;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        if (token.isEmpty()) {
            return Check.MISSING;
        }
        Long deadline = accessTokens.get(token);
        if (deadline == null) {
            return Check.INVALID;
        }
        return deadline == NEVER_EXPIRES || System.nanoTime() - deadline < 0 ? Check.VALID : Check.INVALID;
    }

    /**
     * Handles {@code /oauth/v2/token}, with its parameters in the query string, a urlencoded body or a multipart/form-data body
     * (Zoho's own SDKs send the latter), as Zoho accepts all three.
     */
    Reply token(IncomingRequest request) throws IOException {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (request.boundary() != null) {
            MultipartParser parser = new MultipartParser(request.stream(), request.boundary());
            List<String> summary = new ArrayList<>();
            for (MultipartParser.Part part = parser.next(); part != null; part = parser.next()) {
                byte[] value = parser.body().readNBytes(MAX_FORM_FIELD);
                parser.body().transferTo(OutputStream.nullOutputStream());
                if (part.name() != null) {
                    String text = new String(value, StandardCharsets.UTF_8);
                    form.computeIfAbsent(part.name(), k -> new ArrayList<>()).add(text);
                    summary.add(part.name() + "=\"" + text + "\"");
                }
            }
            request.summary().accept("[multipart/form-data: " + String.join(", ", summary) + "]");
        } else if (request.body() != null && isUrlEncoded(request.contentType())) {
            form.putAll(QueryString.parse(new String(request.body(), StandardCharsets.UTF_8)));
        }
        return token(request.method(), request.query(), form);
    }

    private static boolean isUrlEncoded(String contentType) {
        return contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * Handles {@code GET /crm/v8/users?type=CurrentUser} and {@code GET /crm/v8/org}, which Zoho's SDKs ask at start-up to name
     * the token's user and organisation: the one user and organisation this server knows (other user types are answered with
     * the same single user).
     */
    Reply users(IncomingRequest request) {
        if (!"GET".equals(request.method())) {
            return Reply.zohoError(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
        }
        Reply refused = refusal(request.authorization());
        if (refused != null) {
            return refused;
        }
        if (request.path().endsWith("/org")) {
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("id", "4876876000000000365");
            org.put("zgid", "60000000001");
            org.put("company_name", "Zylker");
            org.put("primary_email", CURRENT_USER_EMAIL);
            org.put("country_code", "US");
            return Reply.json(200, Map.of("org", List.of(org)));
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", CURRENT_USER_ID);
        user.put("full_name", "Patricia Boyle");
        user.put("email", CURRENT_USER_EMAIL);
        user.put("status", "active");
        user.put("role", Map.of("name", "CEO", "id", "4876876000000015969"));
        user.put("profile", Map.of("name", "Administrator", "id", "4876876000000015972"));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", 200);
        info.put("count", 1);
        info.put("page", 1);
        info.put("more_records", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", List.of(user));
        body.put("info", info);
        return Reply.json(200, body);
    }

    /**
     * Handles the token request's parameters. Like Zoho, refusals are HTTP 200 with an {@code error} key, so a 200 proves
     * nothing.
     */
    Reply token(String method, Map<String, List<String>> query, Map<String, List<String>> form) {
        if (!"POST".equals(method)) {
            return Reply.json(405, Map.of("error", "invalid_request"));
        }
        String grantType = param("grant_type", query, form);
        String clientId = param("client_id", query, form);
        String clientSecret = param("client_secret", query, form);
        String refreshToken = param("refresh_token", query, form);
        if (!"refresh_token".equals(grantType)) {
            return Reply.json(200, Map.of("error", "unsupported_grant_type"));
        }
        synchronized (this) {
            if (clientId == null || clientSecret == null || !clientSecret.equals(clientSecrets.get(clientId))) {
                return Reply.json(200, Map.of("error", "invalid_client"));
            }
            Grant grant = refreshToken == null ? null : grants.get(refreshToken);
            if (grant == null || grant.revoked || !grant.clientId.equals(clientId)) {
                return Reply.json(200, Map.of("error", "invalid_code"));
            }
            long now = System.nanoTime();
            while (!grant.mintTimes.isEmpty() && now - grant.mintTimes.peekFirst() >= mintWindow.toNanos()) {
                grant.mintTimes.removeFirst();
            }
            if (grant.mintTimes.size() >= mintLimit) {
                Map<String, Object> denied = new LinkedHashMap<>();
                denied.put("error_description",
                        "You have made too many requests continuously. Please try again after some time.");
                denied.put("error", "Access Denied");
                return Reply.json(200, denied);
            }
            grant.mintTimes.addLast(now);
            String token = "1000." + HexFormat.of().formatHex(randomBytes(32));
            accessTokens.put(token, now + lifetime.toNanos());
            grant.activeTokens.addLast(token);
            // like Zoho, a 16th active token silently displaces the oldest
            while (grant.activeTokens.size() > MAX_ACTIVE_TOKENS) {
                accessTokens.remove(grant.activeTokens.removeFirst());
            }
            minted.incrementAndGet();
            return Reply.json(200, tokenResponse(token));
        }
    }

    private Map<String, Object> tokenResponse(String token) {
        // rounded up, so that a sub-second test lifetime is not announced as 0
        long seconds = (lifetime.toMillis() + 999) / 1000;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("api_domain", apiDomain != null ? apiDomain : defaultApiDomain.get());
        body.put("token_type", "Bearer");
        if (legacyExpiryInMillis) {
            body.put("expires_in_sec", seconds);
            body.put("expires_in", lifetime.toMillis());
        } else {
            body.put("expires_in", seconds);
        }
        return body;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String param(String name, Map<String, List<String>> query, Map<String, List<String>> form) {
        String value = QueryString.first(query, name);
        return value != null ? value : QueryString.first(form, name);
    }
}
