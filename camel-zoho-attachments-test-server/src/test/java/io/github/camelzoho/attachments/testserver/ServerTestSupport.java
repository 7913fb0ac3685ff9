package io.github.camelzoho.attachments.testserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A fresh server per test, a fixed access token, and small helpers speaking real HTTP to it. */
abstract class ServerTestSupport {

    static final String TOKEN = "1000.test-access-token";
    static final String AUTH = "Zoho-oauthtoken " + TOKEN;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ZohoTestServer server;

    @BeforeEach
    void startServer() {
        server = ZohoTestServer.start();
        server.addAccessToken(TOKEN);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    URI uri(String pathAndQuery) {
        return URI.create(server.baseUrl() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).header("Authorization", AUTH);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(CLIENT, request.build());
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    HttpResponse<String> delete(String pathAndQuery) {
        return send(request(pathAndQuery).DELETE());
    }

    static String attachments(String module, String recordId) {
        return "/crm/v8/" + module + "/" + recordId + "/Attachments";
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts status and Zoho's top-level error envelope; returns its details. */
    static JsonNode assertZohoError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(code, body.path("code").asText(), response.body());
        assertEquals("error", body.path("status").asText(), response.body());
        return body.path("details");
    }

    HttpResponse<String> mint(String clientId, String secret, String refreshToken) {
        String query = "grant_type=refresh_token&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&refresh_token=" + enc(refreshToken);
        return send(CLIENT, HttpRequest.newBuilder(uri("/oauth/v2/token?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A multipart/form-data body built by hand, as a client would. */
    static final class Multipart {

        static final String BOUNDARY = "----zoho-test-boundary-7d1f";
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart file(String name, String fileName, byte[] content) {
            header("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n");
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Multipart rawPart(String headers, byte[] content) {
            header(headers);
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Multipart field(String name, String value) {
            header("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private void header(String headers) {
            out.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }

        HttpRequest.Builder applyTo(HttpRequest.Builder request) {
            return request.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes()));
        }
    }
}
