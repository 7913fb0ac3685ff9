package io.github.camelzoho.attachments.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.ZohoAttachment;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;

/**
 * The baseline: the listing request made by hand with the JDK's {@link HttpClient} (HTTP/1.1, as the server speaks) and
 * Jackson, bound to the same model class the component returns, with the fixed access token. What a careful developer writes
 * without the component, minus everything it adds (token refresh, concurrency limit, retries, validation, paging, Camel).
 */
final class RawClient {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String FIELDS = URLEncoder.encode(ZohoAttachmentsClient.DEFAULT_FIELDS, StandardCharsets.UTF_8);

    /** One page of the listing. */
    record Page(List<ZohoAttachment> data, JsonNode info) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    RawClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The first page (of up to 200) of the record's attachments, as the component would request it. */
    HttpRequest request(String recordId) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/crm/v8/" + Zoho.MODULE + "/" + recordId + "/Attachments?fields="
                + FIELDS + "&per_page=200&page=1"))
                .header("Authorization", "Zoho-oauthtoken " + Zoho.FIXED_ACCESS_TOKEN)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    byte[] bytes(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** The attachments of one page, bound to {@link ZohoAttachment}. */
    List<ZohoAttachment> typed(HttpRequest request) throws IOException, InterruptedException {
        Page page = JSON.readValue(bytes(request), Page.class);
        if (page.info().path("more_records").asBoolean()) {
            throw new IllegalStateException("expected one page");
        }
        return page.data();
    }

    /** The listing as a Jackson tree only: the cheapest way to read it. */
    int treeSize(HttpRequest request) throws IOException, InterruptedException {
        return JSON.readTree(bytes(request)).path("data").size();
    }
}
