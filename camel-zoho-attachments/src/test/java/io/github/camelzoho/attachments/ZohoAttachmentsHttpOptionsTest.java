package io.github.camelzoho.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.camelzoho.attachments.client.ZohoHttpClientConfigurer;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** camel-http's usual HTTP options: TLS with sslContextParameters (and the global fallback), proxy, configurer hook. */
class ZohoAttachmentsHttpOptionsTest extends ZohoTestSupport {

    private static final String KEYSTORE = "tls-test-server.p12";
    private static final String PASSWORD = "changeit";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade");

    private HttpsServer tls;

    @AfterEach
    void stopTls() {
        if (tls != null) {
            tls.stop(0);
        }
    }

    /** An HTTPS front on loopback, with a self-signed certificate, that relays every request to the test server. */
    private String startTlsFront() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(KEYSTORE)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        HttpClient relay = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(ssl));
        tls.createContext("/", exchange -> {
            try {
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(zoho.baseUrl() + exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                        values.forEach(v -> forward.header(name, v));
                    }
                });
                HttpResponse<byte[]> answer = relay.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
                byte[] body = answer.body();
                exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                exchange.close();
            }
        });
        tls.start();
        return "https://127.0.0.1:" + tls.getAddress().getPort();
    }

    private static SSLContextParameters trustingTheTestCertificate() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("classpath:" + KEYSTORE);
        store.setPassword(PASSWORD);
        store.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    private void useTls(String httpsUrl) {
        ZohoAttachmentsConfiguration config = context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                .getConfiguration();
        config.setApiDomain(httpsUrl);
        config.setAccountsDomain(httpsUrl);
    }

    @Test
    void sslContextParametersTrustAPrivateCertificate() throws Exception {
        useTls(startTlsFront());
        zoho.seedAttachments("Leads", RECORD, 2);
        context.getRegistry().bind("privateTrust", trustingTheTestCertificate());

        Exchange exchange = call("zoho-attachments:list?module=Leads&recordId=" + RECORD
                + "&sslContextParameters=#privateTrust",
                null);

        assertNull(exchange.getException());
        assertEquals(2, exchange.getMessage().getBody(List.class).size());
        assertEquals(1, apiRequests().size());
    }

    @Test
    void withoutTrustTheHandshakeFailsAtOnceAndNothingReachesZoho() throws Exception {
        useTls(startTlsFront());

        Exchange exchange = call("zoho-attachments:list?module=Leads&recordId=" + RECORD, null);

        Exception e = exchange.getException();
        assertTrue(e instanceof IOException, "got " + e);
        assertTrue(e.getMessage().startsWith("Could not obtain a Zoho access token for GET /crm/v8/Leads/" + RECORD
                + "/Attachments: Zoho's accounts server could not be reached for POST /oauth/v2/token: SSLHandshakeException:"
                + " PKIX path building failed"),
                e.getMessage());
        assertTrue(zoho.requests().isEmpty());
    }

    @Test
    void globalSslContextParametersAreTheFallback() throws Exception {
        useTls(startTlsFront());
        zoho.seedAttachments("Leads", RECORD, 1);
        context.setSSLContextParameters(trustingTheTestCertificate());
        context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class).setUseGlobalSslContextParameters(true);

        Exchange exchange = call("zoho-attachments:list?module=Leads&recordId=" + RECORD, null);

        assertNull(exchange.getException());
        assertEquals(1, exchange.getMessage().getBody(List.class).size());
    }

    @Test
    void requestsGoThroughTheConfiguredProxy() {
        zoho.seedAttachments("Leads", RECORD, 1);
        ZohoAttachmentsConfiguration config = context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                .getConfiguration();
        // Hosts that do not resolve: only a proxy can carry these requests (the test server plays the proxy).
        config.setApiDomain("http://zohoapis.invalid");
        config.setAccountsDomain("http://accounts.invalid");

        Exchange exchange = call("zoho-attachments:list?module=Leads&recordId=" + RECORD + "&proxyHost=127.0.0.1&proxyPort="
                + zoho.port(),
                null);

        assertNull(exchange.getException());
        assertEquals("zohoapis.invalid", apiRequests().get(0).header("Host"));
        assertEquals("accounts.invalid", zoho.requests("POST", "/oauth/v2/token").get(0).header("Host"));
    }

    @Test
    void httpClientConfigurerHasTheLastSay() {
        context.getRegistry().bind("traceHeader", (ZohoHttpClientConfigurer) builder -> builder
                .addRequestInterceptorFirst((request, entity, ctx) -> request.addHeader("X-Trace-Id", "route-42")));

        call("zoho-attachments:list?module=Leads&recordId=" + RECORD + "&httpClientConfigurer=#traceHeader", null);

        assertEquals("route-42", apiRequests().get(0).header("X-Trace-Id"));
    }
}
