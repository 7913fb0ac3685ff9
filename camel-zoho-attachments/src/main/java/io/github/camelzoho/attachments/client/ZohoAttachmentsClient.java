package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelzoho.attachments.client.internal.InputValidator;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Zoho CRM's Attachments API over HTTP, free of Camel types so it can be used and tested on its own. Thread-safe; share one per
 * configuration. Every argument is validated before anything is sent: the record by {@link ZohoRecordPath}, which is made only
 * from checked values (so a caller that checked them, like the Camel producer, hands them over without a second check), the
 * rest at the top of each method.
 */
public final class ZohoAttachmentsClient implements AutoCloseable {

    /** Every key Zoho documents for an attachment: what {@code fields} asks for unless told otherwise. */
    public static final String DEFAULT_FIELDS = "id,File_Name,Size,Created_Time,Modified_Time,Owner,Created_By,Modified_By,"
            + "Parent_Id,$file_id,$type,$link_url,$attachment_type,$se_module,$state,"
            + "$editable,$sharing_permission";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String apiVersion;
    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final HttpExecutor executor;
    private final ZohoModuleListings moduleListings;

    private ZohoAttachmentsClient(Builder b) {
        if (b.tokenProvider == null) {
            throw new IllegalArgumentException("a token provider is required");
        }
        this.apiVersion = InputValidator.apiVersion("apiVersion", b.apiVersion);
        this.ownsHttp = b.httpClient == null;
        this.http = ownsHttp ? ZohoHttpClients.create(b.httpSettings) : b.httpClient;
        String apiDomain = b.apiDomain == null ? null : InputValidator.baseUrl("apiDomain", b.apiDomain);
        ZohoConcurrencyLimiter limiter = b.limiter != null ? b.limiter : new ZohoConcurrencyLimiter(10);
        this.executor = new HttpExecutor(http, b.tokenProvider, limiter, b.retryPolicy, apiDomain, b.dataCenter, JSON,
                b.requestSlotTimeout, b.requestListener);
        this.moduleListings = new ZohoModuleListings(executor, apiVersion, JSON);
    }

    /** The listings that watch a whole module: every module's attachments at once, and a module's records. */
    /**
     * How far Zoho's clock is ahead of this host's (negative: behind), from the {@code Date} header of the last answer, to the
     * second; zero before the first answer. Zoho's times (Created_Time) are on Zoho's clock.
     */
    public Duration serverClockOffset() {
        return executor.serverClockOffset();
    }

    public ZohoModuleListings moduleListings() {
        return moduleListings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Receives the listing one page at a time; return false to stop before the next page. */
    @FunctionalInterface
    public interface PageHandler {

        boolean onPage(List<ZohoAttachment> attachments, ZohoPageInfo info) throws Exception;
    }

    /** Every attachment of a record, all pages. A record without attachments gives an empty list. */
    public List<ZohoAttachment> listAttachments(ZohoRecordPath record, String fields, int perPage) throws IOException {
        List<ZohoAttachment> all = new ArrayList<>();
        try {
            forEachPage(record, fields, perPage, 1, null, (page, info) -> all.addAll(page));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the handler above throws nothing checked
        }
        return all;
    }

    /**
     * Walks a record's attachments page by page, holding one page at a time: by {@code page} number, and by {@code page_token}
     * whenever Zoho gives a {@code next_page_token} (the only way past 2,000 records). Starts at page {@code firstPage} (1 for
     * the first), or at {@code firstPageToken} when not null (a {@code next_page_token} an earlier listing gave).
     *
     * @return the number of pages read
     */
    public int forEachPage(ZohoRecordPath record, String fields, int perPage, int firstPage, String firstPageToken,
            PageHandler handler) throws Exception {
        String fieldList = InputValidator.fields("fields", fields == null ? DEFAULT_FIELDS : fields);
        return new PageCursor(firstPage, firstPageToken).walk(executor, collectionPath(record),
                "fields=" + Query.encode(fieldList), null, perPage, moduleListings.attachmentPages, handler::onPage).requests();
    }

    /**
     * Deletes one attachment ({@code DELETE .../Attachments/{id}}) or several in one request
     * ({@code DELETE .../Attachments?ids=a,b}). Returns Zoho's result per id when all were deleted; when any was not, throws
     * {@link ZohoDeleteException} carrying every id's result.
     */
    public List<ZohoDeleteResult> deleteAttachments(ZohoRecordPath record, List<String> attachmentIds) throws IOException {
        if (attachmentIds == null || attachmentIds.isEmpty()) {
            // Never "delete all": Zoho must always be told exactly which attachments to delete.
            throw new IllegalArgumentException("attachmentId is required: delete needs one or more attachment ids");
        }
        List<String> ids = InputValidator.attachmentIds("attachmentId", String.join(",", attachmentIds));
        String collection = collectionPath(record);
        String path = ids.size() == 1 ? collection + "/" + ids.get(0) : collection;
        String query = ids.size() == 1 ? null : "ids=" + String.join(",", ids);
        HttpExecutor.Response response = executor.execute(ApiRequest.delete(path, query));
        List<ZohoDeleteResult> results = deleteResults(response, ids);
        if (results.stream().anyMatch(r -> !r.isSuccess())) {
            throw new ZohoDeleteException(response.status(), results, path);
        }
        return results;
    }

    /**
     * Streams one attachment's content ({@code GET .../Attachments/{id}}). The request is retried (429, 5xx, I/O) only until
     * Zoho's response headers arrive; the stream returned holds a connection and a request slot until it is read to its end or
     * closed, so the caller must close it.
     *
     * @throws ZohoAttachmentNotFoundException
     *             when the record has no such attachment (Zoho answers 204)
     * @throws ZohoApiException
     *             for Zoho's errors, e.g. DOWNLOAD_NOT_ALLOWED for a link attachment
     */
    public ZohoDownloadStream downloadAttachment(ZohoRecordPath record, String attachmentId) throws IOException {
        String id = InputValidator.attachmentId("attachmentId", attachmentId);
        String path = collectionPath(record) + "/" + id;
        HttpExecutor.OpenResponse response = executor.open(ApiRequest.get(path, null));
        if (response == null) {
            throw new ZohoAttachmentNotFoundException(record.module(), record.recordId(), id, path);
        }
        return new ZohoDownloadStream(response, path, id);
    }

    /**
     * Uploads a file to a record ({@code POST .../Attachments}, multipart part {@code file}). A content of known length above
     * {@code maxUploadSize} is refused before anything is sent; one of unknown length is aborted as soon as it passes it. A
     * POST is retried only where Zoho cannot have stored it (no connection, 429, 503) and only if the content can be sent
     * again.
     *
     * @return the new attachment's id and times, with the file name and the bytes sent
     */
    public ZohoUploadResult uploadFile(ZohoRecordPath record, ZohoUploadContent content, long maxUploadSize)
            throws IOException {
        String path = collectionPath(record);
        if (content == null) {
            throw new IllegalArgumentException("Nothing to upload: no content");
        }
        long limit = InputValidator.atLeast("maxUploadSize", maxUploadSize, 1);
        if (content.getLength() > limit) {
            throw new IllegalArgumentException("Upload of '" + content.getFileName() + "' refused: " + content.getLength()
                    + " bytes is above maxUploadSize (" + limit + " bytes); nothing was sent to Zoho");
        }
        if (!content.canSend()) {
            throw new IllegalArgumentException("Upload of '" + content.getFileName()
                    + "' refused: its stream was already read; nothing was sent to Zoho");
        }
        HttpExecutor.Response response = executor.execute(ApiRequest.post(path, null,
                new MultipartUpload(content, limit)));
        ZohoUploadResult result = uploaded(response, path);
        result.setFileName(content.getFileName());
        result.setSize(content.bytesSent());
        return result;
    }

    /**
     * Attaches a link to a record ({@code POST .../Attachments?attachmentUrl=...&title=...}, as Zoho's OpenAPI description and
     * SDK send it). Retried only where Zoho cannot have stored it (no connection, 429, 503).
     *
     * @param title
     *            the title Zoho shows, or null
     */
    public ZohoUploadResult uploadLink(ZohoRecordPath record, String attachmentUrl, String title) throws IOException {
        String path = collectionPath(record);
        String url = InputValidator.attachmentUrl("attachmentUrl", attachmentUrl);
        String checkedTitle = InputValidator.title("title", title);
        String query = "attachmentUrl=" + Query.encode(url)
                + (checkedTitle == null ? "" : "&title=" + Query.encode(checkedTitle));
        ZohoUploadResult result = uploaded(executor.execute(ApiRequest.post(path, query, null)), path);
        result.setFileName(checkedTitle);
        result.setLinkUrl(url);
        return result;
    }

    /** The new attachment from Zoho's {@code {"data":[{"code":"SUCCESS","details":{"id":...}}]}}. */
    private static ZohoUploadResult uploaded(HttpExecutor.Response response, String path) throws IOException {
        JsonNode first = response.body() == null ? null : response.body().path("data").path(0);
        if (!response.isSuccess() || first != null && "error".equalsIgnoreCase(first.path("status").asText())) {
            if (first == null || first.isMissingNode()) {
                throw ZohoApiException.unexpectedAnswer(response.status(), null, "no result in the answer", "POST", path, null);
            }
            throw ZohoApiException.answered(response.status(), HttpExecutor.ZohoError.of(response.body(), new byte[0]),
                    "POST", path, 1, null);
        }
        JsonNode details = first == null ? null : first.path("details");
        if (details == null || !details.hasNonNull("id")) {
            throw ZohoApiException.unexpectedAnswer(response.status(), first == null ? null : first.path("code").asText(null),
                    "the answer names no id for the new attachment", "POST", path,
                    "the upload may have succeeded: check the record's attachments in Zoho CRM before sending it again");
        }
        return JSON.treeToValue(details, ZohoUploadResult.class);
    }

    private String collectionPath(ZohoRecordPath record) {
        if (record == null) {
            throw new IllegalArgumentException("record is required: ZohoRecordPath.of(module, recordId)");
        }
        return "/crm/" + apiVersion + "/" + record.path() + "/Attachments";
    }

    /**
     * Zoho's per-item results, matched to the requested ids. An id Zoho did not report on is reported as not deleted
     * ({@code NO_RESULT}): the caller must never believe an attachment gone when Zoho did not say so.
     */
    private static List<ZohoDeleteResult> deleteResults(HttpExecutor.Response response, List<String> ids)
            throws IOException {
        JsonNode data = response.body() == null ? null : response.body().path("data");
        List<ZohoDeleteResult> reported = new ArrayList<>();
        if (data != null && data.isArray()) {
            for (int i = 0; i < data.size(); i++) {
                JsonNode item = data.get(i);
                String id = item.path("details").path("id").asText(null);
                if (id == null && data.size() == ids.size()) {
                    id = ids.get(i); // Zoho answers in request order
                }
                ZohoDeleteResult parsed = JSON.treeToValue(item, ZohoDeleteResult.class);
                reported.add(new ZohoDeleteResult(id, parsed.getCode(), parsed.getStatus(), parsed.getMessage(),
                        parsed.getDetails()));
            }
        }
        List<ZohoDeleteResult> results = new ArrayList<>(ids.size());
        for (String id : ids) {
            results.add(reported.stream().filter(r -> id.equals(r.getId())).findFirst()
                    .orElseGet(() -> new ZohoDeleteResult(id, "NO_RESULT", "error",
                            "Zoho's answer (HTTP " + response.status() + ") has no result for this id", null)));
        }
        return results;
    }

    @Override
    public void close() throws IOException {
        if (ownsHttp) {
            http.close();
        }
    }

    /** Builder of {@link ZohoAttachmentsClient}. */
    public static final class Builder {

        private String apiDomain;
        private ZohoDataCenter dataCenter = ZohoDataCenter.US;
        private String apiVersion = "v8";
        private ZohoTokenProvider tokenProvider;
        private ZohoConcurrencyLimiter limiter;
        private Duration requestSlotTimeout = Duration.ofMinutes(2);
        private ZohoRetryPolicy retryPolicy = ZohoRetryPolicy.DEFAULT;
        private ZohoHttpSettings httpSettings = ZohoHttpSettings.builder().build();
        private CloseableHttpClient httpClient;
        private ZohoRequestListener requestListener = ZohoRequestListener.NONE;

        private Builder() {
        }

        /** Told of every API request sent (each attempt), e.g. to count credits; default none. */
        public Builder requestListener(ZohoRequestListener requestListener) {
            this.requestListener = requestListener == null ? ZohoRequestListener.NONE : requestListener;
            return this;
        }

        /** An explicit API domain, e.g. {@code http://127.0.0.1:8080}; wins over the token's and the data centre's. */
        public Builder apiDomain(String apiDomain) {
            this.apiDomain = apiDomain;
            return this;
        }

        /** The data centre whose API domain is used when neither an override nor the token names one. */
        public Builder dataCenter(ZohoDataCenter dataCenter) {
            this.dataCenter = dataCenter;
            return this;
        }

        /** v3 or later; default v8. */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Where access tokens come from; required. */
        public Builder tokenProvider(ZohoTokenProvider tokenProvider) {
            this.tokenProvider = tokenProvider;
            return this;
        }

        /** The concurrency limit to share; default a private limit of 10. */
        public Builder limiter(ZohoConcurrencyLimiter limiter) {
            this.limiter = limiter;
            return this;
        }

        /** How long a request waits for a free slot under the concurrency limit; default 2 minutes, zero forever. */
        public Builder requestSlotTimeout(Duration requestSlotTimeout) {
            this.requestSlotTimeout = requestSlotTimeout;
            return this;
        }

        /** Retries; default {@link ZohoRetryPolicy#DEFAULT}. */
        public Builder retryPolicy(ZohoRetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** HTTP settings for a client this client creates and closes itself. */
        public Builder httpSettings(ZohoHttpSettings httpSettings) {
            this.httpSettings = httpSettings;
            return this;
        }

        /** An HTTP client owned by the caller (not closed by {@link #close()}). */
        public Builder httpClient(CloseableHttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public ZohoAttachmentsClient build() {
            return new ZohoAttachmentsClient(this);
        }
    }
}
