package io.github.camelzoho.attachments;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAuthenticationException;
import io.github.camelzoho.attachments.client.ZohoTokenEndpointException;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import io.github.camelzoho.attachments.testserver.RecordedRequest;
import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random strings thrown at every option and header of the list and delete producers. Each try ends in one of two ways: a
 * validation error before anything is sent (an {@link IllegalArgumentException} whose message names the option or header), or
 * requests that the server received well-formed (an escaped path and query carrying exactly the validated values), answered by
 * Zoho however it likes. Never another exception type, never a request with an unescaped path or query.
 */
class ZohoAttachmentsBadInputPropertiesTest {

    // The credentials ZohoTestSupport.pointAt configures.
    private static final String CLIENT_ID = ZohoTestSupport.CLIENT_ID;
    private static final String CLIENT_SECRET = ZohoTestSupport.CLIENT_SECRET;
    private static final String REFRESH_TOKEN = ZohoTestSupport.REFRESH_TOKEN;
    private static final String RECORD = "4876876000000376008";
    private static final String ATTACHMENT = "4876876000001000001";
    private static final int OPTION_TRIES = 120;
    private static final int HEADER_TRIES = 200;

    /** A path the server may see: every piece validated, so nothing in it needs escaping. */
    private static final Pattern PATH = Pattern.compile(
            "(/[A-Za-z0-9._~-]+)*/crm/v[0-9]+/[A-Za-z][A-Za-z0-9_]*/[0-9]+/Attachments(/[0-9]+)?|(/[A-Za-z0-9._~-]+)*/oauth/v2/token");
    /** A raw query in which every character outside the unreserved set and Zoho's readable {@code , $} is %-escaped. */
    private static final Pattern RAW_QUERY = Pattern.compile("[A-Za-z0-9_.~,$%=&-]*");
    private static final Pattern CAMEL_VALUE_SYNTAX = Pattern.compile("^#|^RAW[({]|\\{\\{");
    private static final Pattern ESCAPES = Pattern.compile("%[0-9A-F]{2}");

    private static final List<String> LIST_OPTIONS = List.of("module", "recordId", "fields", "perPage", "apiVersion",
            "dataCenter", "apiDomain", "accountsDomain", "accessToken", "clientId", "clientSecret", "refreshToken",
            "maxRetries", "retryInitialDelay", "retryMaxDelay", "maxConcurrentRequests", "connectTimeout", "responseTimeout",
            "proxyPort", "tokenProvider", "sslContextParameters", "httpClientConfigurer");
    // Not thrown at: lazyStartProducer, which Camel's DefaultComponent converts before the component sees it (a bad value
    // fails with "Value x converted to java.lang.Boolean cannot be null", not naming it), and the proxy options, whose random
    // host names would be looked up in DNS.
    private static final List<String> DELETE_OPTIONS = LIST_OPTIONS.stream()
            .map(o -> o.equals("fields") ? "attachmentId" : o).toList();

    /** How the tries ended, for the build log. */
    private static final Map<String, Integer> OUTCOMES = new ConcurrentHashMap<>();

    private static ZohoTestServer zoho;
    private static CamelContext context;

    @BeforeContainer
    static void start() throws Exception {
        zoho = ZohoTestServer.start();
        zoho.registerClient(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
        zoho.setMintLimit(1_000_000, java.time.Duration.ofMinutes(10));
        zoho.seedAttachments("Leads", RECORD, 2);
        context = new DefaultCamelContext();
        ZohoAttachmentsConfiguration config = ZohoTestSupport.pointAt(context, zoho);
        config.setMaxRetries(0);
        config.setRetryInitialDelay(1);
        config.setRetryMaxDelay(2);
        context.start();
    }

    @AfterContainer
    static void stop() {
        context.stop();
        zoho.close();
        System.out.println("BAD-INPUT | tries per outcome: " + new TreeMap<>(OUTCOMES));
    }

    // ---- what is thrown at the producers

    /** Anything, characters that mean something in a URL, near-valid values, and valid ones. */
    @Provide
    Arbitrary<String> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789 ,/?#&%=+;:@$._-~\\\"'<>{}[]()|^`\t\r\n\u0000\u00e9\u6f22")
                        .ofMaxLength(25),
                Arbitraries.strings().withChars("0123456789,").ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("Leads", "Price_Books", "Documents", "leads", "Leads/../Users", "Leads%2F..", RECORD,
                        RECORD + "," + ATTACHMENT, " " + RECORD + " ", RECORD + "?ids=1", RECORD + "#x", "id,File_Name",
                        "id,,File_Name", "$file_id", "0", "-1", "201", "2147483648", "99999999999", "1e3", "0x10", " 7 ",
                        "5s", "1m30s", "true", "TRUE", "yes", "EU", "eu", "v8", "v2", "v99", "#bean", "#class:java.lang.Object",
                        "{{missing}}", "${header.x}", "RAW(a&b)", "http://127.0.0.1:1/x", "a\r\nX-Injected: 1",
                        RECORD + "\r\nX-Injected: 1", "Leads\r\nX-Injected: 1"));
    }

    /** A base URL near the server's: its own with a random suffix, or anything. */
    private Arbitrary<String> urlValue() {
        return Arbitraries.oneOf(anyValue(), anyValue().map(suffix -> zoho.baseUrl() + suffix));
    }

    @Provide
    Arbitrary<Tuple2<String, String>> listOption() {
        return Arbitraries.of(LIST_OPTIONS).flatMap(o -> valueFor(o).map(v -> Tuple.of(o, v)));
    }

    @Provide
    Arbitrary<Tuple2<String, String>> deleteOption() {
        return Arbitraries.of(DELETE_OPTIONS).flatMap(o -> valueFor(o).map(v -> Tuple.of(o, v)));
    }

    private Arbitrary<String> valueFor(String option) {
        return option.endsWith("Domain") ? urlValue() : anyValue();
    }

    @Provide
    Arbitrary<Tuple2<String, String>> listHeader() {
        return Arbitraries.of(ZohoAttachmentsConstants.MODULE, ZohoAttachmentsConstants.RECORD_ID,
                ZohoAttachmentsConstants.FIELDS).flatMap(h -> anyValue().map(v -> Tuple.of(h, v)));
    }

    @Provide
    Arbitrary<Tuple2<String, String>> deleteHeader() {
        return Arbitraries.of(ZohoAttachmentsConstants.MODULE, ZohoAttachmentsConstants.RECORD_ID,
                ZohoAttachmentsConstants.ATTACHMENT_ID).flatMap(h -> anyValue().map(v -> Tuple.of(h, v)));
    }

    // ---- the properties

    @Property(tries = OPTION_TRIES)
    void listOptions(@ForAll("listOption") Tuple2<String, String> option) {
        Map<String, String> options = options("module", "Leads", "recordId", RECORD);
        options.put(option.get1(), option.get2());
        tryOut("list", options, Map.of(), option.get1());
    }

    @Property(tries = OPTION_TRIES)
    void deleteOptions(@ForAll("deleteOption") Tuple2<String, String> option) {
        Map<String, String> options = options("module", "Leads", "recordId", RECORD, "attachmentId", ATTACHMENT);
        options.put(option.get1(), option.get2());
        tryOut("delete", options, Map.of(), option.get1());
    }

    @Property(tries = HEADER_TRIES)
    void listHeaders(@ForAll("listHeader") Tuple2<String, String> header) {
        tryOut("list", options("module", "Leads", "recordId", RECORD), Map.of(header.get1(), header.get2()), header.get1());
    }

    @Property(tries = HEADER_TRIES)
    void deleteHeaders(@ForAll("deleteHeader") Tuple2<String, String> header) {
        tryOut("delete", options("module", "Leads", "recordId", RECORD, "attachmentId", ATTACHMENT),
                Map.of(header.get1(), header.get2()), header.get1());
    }

    @Example
    void aDomainWhereNobodyListensIsAConnectionError() {
        tryOut("list", options("module", "Leads", "recordId", RECORD, "apiDomain", "http://127.0.0.1:1/x"), Map.of(),
                "apiDomain");
        assertTrue(OUTCOMES.getOrDefault("sent elsewhere, connection refused", 0) >= 1);
    }

    // ---- one try

    private void tryOut(String operation, Map<String, String> options, Map<String, String> headers, String culprit) {
        // Options as a map, as the DSLs' parameter maps give them: each value reaches the component exactly as generated,
        // without Camel's URI syntax (where, say, an escaped & still splits the query) standing in between.
        String uri = "zoho-attachments:" + operation;
        int before = zoho.requests().size();
        Endpoint endpoint = null;
        Exception failure = null;
        try {
            endpoint = context.getEndpoint(uri, new LinkedHashMap<>(options));
            Producer producer = endpoint.createProducer();
            ServiceHelper.startService(producer);
            Exchange exchange = new DefaultExchange(context);
            headers.forEach(exchange.getMessage()::setHeader);
            try {
                producer.process(exchange);
            } finally {
                ServiceHelper.stopAndShutdownService(producer);
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            if (endpoint != null) {
                release(endpoint);
            }
        }
        List<RecordedRequest> sent = zoho.requests().subList(before, zoho.requests().size());
        String tried = culprit + " = '" + printable(valueOf(culprit, options, headers)) + "'";
        if (failure instanceof ZohoAuthenticationException refusal) {
            // Zoho refused the credentials, now or in an earlier try (the refusal is remembered for a while, not asked
            // again): only a fuzzed credential may cause that, and the refusal must name it
            assertRefusalNamesTheOption(refusal, culprit, tried);
            if (sent.isEmpty()) {
                OUTCOMES.merge("refused credentials, remembered", 1, Integer::sum);
                return;
            }
        }
        if (sent.isEmpty() && culprit.endsWith("Domain") && failure instanceof IOException
                && causes(failure).anyMatch(ConnectException.class::isInstance)) {
            // a valid URL naming another port or host of this machine: nobody listens there
            OUTCOMES.merge("sent elsewhere, connection refused", 1, Integer::sum);
            return;
        }
        if (sent.isEmpty() && culprit.endsWith("Timeout") && failure instanceof ZohoTokenEndpointException
                && causes(failure).anyMatch(SocketTimeoutException.class::isInstance)) {
            // a valid but very short timeout: the endpoint's own token request (its settings shape it) timed out
            OUTCOMES.merge("token request timed out", 1, Integer::sum);
            return;
        }
        if (sent.isEmpty()) {
            OUTCOMES.merge(assertValidationError(failure, culprit, valueOf(culprit, options, headers), tried), 1, Integer::sum);
            return;
        }
        OUTCOMES.merge(failure == null ? "sent, answered" : "sent, Zoho or I/O error", 1, Integer::sum);
        for (RecordedRequest request : sent) {
            assertWellFormed(request, tried);
        }
        if (failure != null && !(failure instanceof ZohoApiException) && !(failure instanceof IOException)) {
            fail(tried + ": a request was sent, then an unexpected " + failure, failure);
        }
        assertCarriesTheValue(operation, sent, culprit, valueOf(culprit, options, headers), tried);
    }

    /** Each try's endpoint has its own HTTP client: close it. */
    private static void release(Endpoint endpoint) {
        try {
            context.removeEndpoint(endpoint);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ServiceHelper.stopAndShutdownService(endpoint);
    }

    private static String valueOf(String culprit, Map<String, String> options, Map<String, String> headers) {
        return headers.containsKey(culprit) ? headers.get(culprit) : options.get(culprit);
    }

    /**
     * Nothing was sent: the only acceptable reason is a validation error naming the option or header. That is the component's
     * IllegalArgumentException, or, for a value Camel cannot even convert to the option's type (an enum or a bean reference),
     * Camel's own PropertyBindingException naming the option.
     */
    private static String assertValidationError(Exception failure, String culprit, String culpritValue, String tried) {
        if (failure == null) {
            fail(tried + ": no request and no error");
        }
        if (root(failure) instanceof IllegalArgumentException placeholder && culpritValue.contains("{{")
                && String.valueOf(placeholder.getMessage()).startsWith("Property with key [")) {
            return "refused by Camel's property placeholders"; // {{...}} is Camel's syntax, resolved before the component
        }
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PropertyBindingException binding && culprit.equals(binding.getPropertyName())) {
                return "refused by Camel's property binding";
            }
            root = t;
        }
        if (!(root instanceof IllegalArgumentException) || root.getMessage() == null || !root.getMessage().contains(culprit)) {
            fail(tried + ": expected an IllegalArgumentException naming " + culprit + ", got " + describe(failure), failure);
        }
        return "refused by the component (IllegalArgumentException)";
    }

    /** What a refusal by Zoho's accounts server must say for each option that can cause one. */
    private static final Map<String, String> CREDENTIALS = Map.of("clientId", "clientId", "clientSecret", "clientSecret",
            "refreshToken", "refreshToken", "accountsDomain", "accountsDomain");

    private static void assertRefusalNamesTheOption(ZohoAuthenticationException refusal, String culprit, String tried) {
        String named = CREDENTIALS.get(culprit);
        if (named == null) {
            fail(tried + ": Zoho refused the credentials, though " + culprit + " is not one of them: " + refusal.getMessage(),
                    refusal);
        }
        assertTrue(String.valueOf(refusal.getMessage()).contains(named),
                tried + ": the refusal does not name " + named + ": " + refusal.getMessage());
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return chain.toString();
    }

    private static void assertWellFormed(RecordedRequest request, String tried) {
        assertEquals(null, request.header("X-Injected"), tried + ": a header was injected into " + request);
        assertTrue(PATH.matcher(request.path()).matches(), tried + ": path " + request.path());
        if (request.rawQuery() != null) {
            assertTrue(RAW_QUERY.matcher(request.rawQuery()).matches(), tried + ": unescaped query " + request.rawQuery());
            String withoutEscapes = ESCAPES.matcher(request.rawQuery()).replaceAll("");
            assertTrue(withoutEscapes.indexOf('%') < 0, tried + ": a bare % in " + request.rawQuery());
        }
    }

    /** The request carries exactly the value the validation accepted, as the server decoded it. */
    private static void assertCarriesTheValue(String operation, List<RecordedRequest> sent, String culprit, String value,
            String tried) {
        if (!culprit.startsWith("Camel") && CAMEL_VALUE_SYNTAX.matcher(value).find()) {
            return; // #bean references, RAW(...) and {{placeholders}}: Camel rewrites such option values by design
        }
        RecordedRequest api = sent.stream().filter(r -> r.path().contains("/crm/")).reduce((a, b) -> b).orElse(null);
        RecordedRequest token = sent.stream().filter(r -> r.path().endsWith("/oauth/v2/token")).findFirst().orElse(null);
        switch (culprit) {
            case "module", ZohoAttachmentsConstants.MODULE -> assertEquals(value.trim(), api.path().split("/")[3], tried);
            case "recordId", ZohoAttachmentsConstants.RECORD_ID -> assertEquals(value.trim(), api.path().split("/")[4], tried);
            case "fields", ZohoAttachmentsConstants.FIELDS -> assertEquals(InputValidator.fields(culprit, value),
                    api.queryParam("fields"), tried);
            case "attachmentId", ZohoAttachmentsConstants.ATTACHMENT_ID -> {
                List<String> ids = InputValidator.attachmentIds(culprit, value);
                if (ids.size() == 1) {
                    assertTrue(api.path().endsWith("/Attachments/" + ids.get(0)), tried + ": " + api);
                } else {
                    assertEquals(String.join(",", ids), api.queryParam("ids"), tried);
                }
            }
            case "accessToken" -> {
                // HttpClient replaces line breaks in a header value (no header can be injected); a plain token arrives as is
                if (value.trim().matches("[!-~]+")) {
                    assertEquals("Zoho-oauthtoken " + value.trim(), api.header("Authorization"), tried);
                }
            }
            case "clientId", "clientSecret", "refreshToken" -> {
                Map<String, String> form = form(token.body());
                String param = Map.of("clientId", "client_id", "clientSecret", "client_secret", "refreshToken",
                        "refresh_token").get(culprit);
                assertEquals(value.trim(), form.get(param), tried + ": " + token.body()); // pasted blanks are trimmed
            }
            default -> {
                // other options shape how requests are sent, not what they carry: well-formedness is the property
            }
        }
        if (operation.equals("delete") && api != null) {
            assertEquals("DELETE", api.method(), tried);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.chars()
                .forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return options;
    }

}
