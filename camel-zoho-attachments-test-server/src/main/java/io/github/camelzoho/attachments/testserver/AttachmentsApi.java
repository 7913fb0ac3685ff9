package io.github.camelzoho.attachments.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Attachments API under {@code /crm/{version}/{module}/{recordId}/Attachments}: path and method checks, authentication,
 * then list, delete, download or upload against the {@link AttachmentStore}.
 */
final class AttachmentsApi {

    static final int MAX_PER_PAGE = 200;
    static final int MAX_FIELDS = 50;
    static final int MAX_IDS = 100;
    /** Zoho's discrete pagination limit: {@code page} only reaches this many records. */
    static final int DISCRETE_LIMIT = 2000;
    /** Uploads up to this size are kept in memory; larger ones keep only size and SHA-256. */
    static final int KEEP_IN_MEMORY = 16 * 1024 * 1024;
    static final long DEFAULT_UPLOAD_LIMIT = 100L * 1024 * 1024;

    private static final Pattern PATH = Pattern.compile("/crm/v(\\d{1,6})/([^/]+)/([^/]+)/Attachments(?:/([^/]+))?");
    private static final int MAX_FORM_FIELD = 64 * 1024;

    private final AttachmentStore store;
    private final OAuthTokens tokens;
    private final PageTokens pageTokens = new PageTokens();
    private volatile PageTokenMode pageTokenMode = PageTokenMode.ALWAYS;
    private volatile long uploadLimit = DEFAULT_UPLOAD_LIMIT;
    private final ModuleListingsApi moduleListings;

    AttachmentsApi(AttachmentStore store, OAuthTokens tokens) {
        this.store = store;
        this.tokens = tokens;
        this.moduleListings = new ModuleListingsApi(store, tokens, () -> pageTokenMode);
    }

    /** The module-level attachment listing and the record listings. */
    ModuleListingsApi moduleListings() {
        return moduleListings;
    }

    void setPageTokenMode(PageTokenMode mode) {
        this.pageTokenMode = Objects.requireNonNull(mode, "mode");
    }

    void setUploadLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative upload limit: " + bytes);
        }
        this.uploadLimit = bytes;
    }

    Reply handle(IncomingRequest req) throws IOException {
        Reply listing = moduleListings.handle(req);
        if (listing != null) {
            return listing;
        }
        Matcher m = PATH.matcher(req.path());
        if (!m.matches()) {
            return invalidUrl();
        }
        Reply refused = tokens.refusal(req.authorization());
        if (refused != null) {
            return refused;
        }
        String attachmentId = m.group(4);
        String method = req.method();
        boolean allowed = attachmentId != null
                ? method.equals("GET") || method.equals("DELETE")
                : method.equals("GET") || method.equals("POST") || method.equals("DELETE");
        if (!allowed) {
            return Reply.zohoError(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
        }
        String moduleName = m.group(2);
        if (AttachmentStore.UNSUPPORTED_MODULES.contains(moduleName.toLowerCase(Locale.ROOT))) {
            return Reply.zohoError(400, "INVALID_MODULE", "the given module is not supported in api",
                    Map.of("resource_path_index", 0));
        }
        String module = store.resolveModule(moduleName);
        if (module == null) {
            return Reply.zohoError(400, "INVALID_MODULE", "the module name given seems to be invalid",
                    Map.of("resource_path_index", 0));
        }
        int version = Integer.parseInt(m.group(1));
        String recordId = m.group(3);
        if (attachmentId != null) {
            return method.equals("GET")
                    ? download(module, recordId, attachmentId)
                    : deleteOne(module, recordId, attachmentId);
        }
        switch (method) {
            case "GET" :
                return list(req, version, module, recordId);
            case "DELETE" :
                return deleteMany(req, module, recordId);
            default :
                return upload(req, module, recordId);
        }
    }

    static Reply invalidUrl() {
        return Reply.zohoError(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
    }

    private Reply list(IncomingRequest req, int version, String module, String recordId) {
        Set<String> fields = null;
        String fieldsParam = req.param("fields");
        if (fieldsParam != null) {
            fields = new LinkedHashSet<>(splitList(fieldsParam));
        }
        // from v3 on the fields to return must be named (v2 and older returned them all)
        if (version >= 3 && (fields == null || fields.isEmpty())) {
            return requiredParamMissing("fields");
        }
        if (fields != null && fields.size() > MAX_FIELDS) {
            return Reply.zohoError(400, "LIMIT_EXCEEDED", "the number of fields exceeds the limit of " + MAX_FIELDS,
                    Map.of("param", "fields", "limit", MAX_FIELDS));
        }
        String pageParam = req.param("page");
        String tokenParam = req.param("page_token");
        if (pageParam != null && tokenParam != null) {
            return Reply.zohoError(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                    "page and page_token cannot be used together", Map.of("param", "page_token"));
        }
        Integer perPage = null;
        String perPageParam = req.param("per_page");
        if (perPageParam != null) {
            perPage = QueryString.positive(perPageParam);
            if (perPage == null || perPage > MAX_PER_PAGE) {
                return Reply.zohoError(400, "INVALID_DATA", "per_page must be between 1 and " + MAX_PER_PAGE,
                        Map.of("param", "per_page", "maximum_value", MAX_PER_PAGE));
            }
        }
        int offset;
        boolean byToken = tokenParam != null;
        if (byToken) {
            PageTokens.Cursor cursor = pageTokens.resolve(tokenParam);
            if (cursor == null || !cursor.module().equals(module) || !cursor.recordId().equals(recordId)) {
                return Reply.zohoError(400, "INVALID_DATA", "the page_token given seems to be invalid",
                        Map.of("param", "page_token"));
            }
            offset = cursor.offset();
            perPage = perPage != null ? perPage : cursor.perPage();
        } else {
            perPage = perPage != null ? perPage : MAX_PER_PAGE;
            Integer page = pageParam == null ? Integer.valueOf(1) : QueryString.positive(pageParam);
            if (page == null) {
                return Reply.zohoError(400, "INVALID_DATA", "page must be a positive number", Map.of("param", "page"));
            }
            if ((long) page * perPage > DISCRETE_LIMIT) {
                return Reply.zohoError(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                        "the page parameter only reaches the first " + DISCRETE_LIMIT
                                + " records; use page_token to fetch more records",
                        Map.of("param", "page", "limit", DISCRETE_LIMIT));
            }
            offset = (page - 1) * perPage;
        }
        Predicate<StoredAttachment> filter = null;
        String idsParam = req.param("ids");
        if (idsParam != null) {
            Set<String> ids = new HashSet<>(splitList(idsParam));
            filter = a -> ids.contains(Long.toString(a.id));
        }
        AttachmentStore.Page page = store.page(module, recordId, filter, offset, perPage);
        if (page.items().isEmpty()) {
            // Zoho: no attachments (or nothing on this page) is 204 with an empty body
            return Reply.empty(204);
        }
        List<Map<String, Object>> data = new ArrayList<>(page.items().size());
        for (StoredAttachment a : page.items()) {
            data.add(a.toJson(fields));
        }
        boolean more = (long) offset + page.items().size() < page.total();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("info", info(module, recordId, offset, perPage, byToken, more, data.size()));
        return Reply.json(200, body);
    }

    private Map<String, Object> info(
            String module, String recordId, int offset, int perPage, boolean byToken, boolean more, int count) {
        PageTokenMode mode = pageTokenMode;
        PageTokens.Issued next = null;
        if (more) {
            long nextOffset = (long) offset + perPage;
            boolean give = mode == PageTokenMode.ALWAYS
                    || mode == PageTokenMode.PAST_2000 && nextOffset + perPage > DISCRETE_LIMIT;
            if (give) {
                next = pageTokens.issue(new PageTokens.Cursor(module, recordId, (int) nextOffset, perPage));
            }
        }
        PageTokens.Issued previous = null;
        if (offset > 0 && (mode == PageTokenMode.ALWAYS || mode == PageTokenMode.PAST_2000 && byToken)) {
            previous = pageTokens.issue(
                    new PageTokens.Cursor(module, recordId, Math.max(0, offset - perPage), perPage));
        }
        PageTokens.Issued any = next != null ? next : previous;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        info.put("count", count);
        info.put("page", offset / perPage + 1);
        info.put("more_records", more);
        info.put("next_page_token", next == null ? null : next.token());
        info.put("previous_page_token", previous == null ? null : previous.token());
        info.put("page_token_expiry", any == null ? null : StoredAttachment.TIME_FORMAT.format(any.expiry()));
        return info;
    }

    private Reply deleteOne(String module, String recordId, String attachmentId) {
        Map<String, Object> item = deleteItem(module, recordId, attachmentId);
        return Reply.dataItems("success".equals(item.get("status")) ? 200 : 400, List.of(item));
    }

    private Reply deleteMany(IncomingRequest req, String module, String recordId) {
        String idsParam = req.param("ids");
        List<String> ids = idsParam == null ? List.of() : splitList(idsParam);
        if (ids.isEmpty()) {
            return requiredParamMissing("ids");
        }
        if (ids.size() > MAX_IDS) {
            return Reply.zohoError(400, "LIMIT_EXCEEDED", "the number of ids exceeds the limit of " + MAX_IDS,
                    Map.of("param", "ids", "limit", MAX_IDS));
        }
        List<Map<String, Object>> items = new ArrayList<>(ids.size());
        boolean anySuccess = false;
        for (String id : ids) {
            Map<String, Object> item = deleteItem(module, recordId, id);
            anySuccess |= "success".equals(item.get("status"));
            items.add(item);
        }
        return Reply.dataItems(anySuccess ? 200 : 400, items);
    }

    private Map<String, Object> deleteItem(String module, String recordId, String id) {
        return store.remove(module, recordId, id)
                ? Reply.successItem(Map.of("id", id), "record deleted")
                : Reply.errorItem("INVALID_DATA", "the related id given seems to be invalid", Map.of("id", id));
    }

    private Reply download(String module, String recordId, String attachmentId) {
        StoredAttachment a = store.find(module, recordId, attachmentId);
        if (a == null) {
            return Reply.empty(204);
        }
        if (a.isLink()) {
            return Reply.zohoError(400, "DOWNLOAD_NOT_ALLOWED", "a link attachment cannot be downloaded",
                    Map.of("id", attachmentId));
        }
        if (!a.downloadable()) {
            return Reply.zohoError(500, "INTERNAL_ERROR",
                    "the test server keeps only the size and SHA-256 of uploads over " + KEEP_IN_MEMORY + " bytes",
                    Map.of("id", attachmentId));
        }
        // streamed from the store (or generated) straight into the response
        return new Reply(200, ContentTypes.guess(a.fileName),
                Map.of("Content-Disposition", ContentTypes.contentDisposition(a.fileName)), a.size, a::writeContent);
    }

    private Reply upload(IncomingRequest req, String module, String recordId) throws IOException {
        String fileName = null;
        UploadSink file = null;
        Map<String, String> fields = new LinkedHashMap<>();
        if (req.boundary() != null) {
            MultipartParser parser = new MultipartParser(req.stream(), req.boundary());
            List<String> summary = new ArrayList<>();
            for (MultipartParser.Part part = parser.next(); part != null; part = parser.next()) {
                if ("file".equals(part.name()) && file == null) {
                    fileName = part.fileName() != null && !part.fileName().isEmpty() ? part.fileName() : "file";
                    file = new UploadSink(uploadLimit, KEEP_IN_MEMORY);
                    parser.body().transferTo(file);
                    summary.add("file=\"" + fileName + "\" (" + file.size() + " bytes)");
                } else if (part.name() != null && part.fileName() == null) {
                    String value = readField(parser.body());
                    fields.putIfAbsent(part.name(), value);
                    summary.add(part.name() + "=\"" + value + "\"");
                } else {
                    summary.add(part.name() + " (skipped)");
                }
            }
            req.summary().accept("[multipart/form-data: " + String.join(", ", summary) + "]");
        } else if (req.body() != null && req.body().length > 0) {
            QueryString.parse(new String(req.body(), StandardCharsets.UTF_8))
                    .forEach((k, v) -> fields.putIfAbsent(k, v.get(0)));
        }
        // Zoho's OpenAPI spec has attachmentUrl and title as query parameters
        req.query().forEach((k, v) -> fields.putIfAbsent(k, v.get(0)));

        StoredAttachment added;
        if (file != null) {
            if (file.tooLarge()) {
                return Reply.zohoError(413, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE",
                        "the file size is more than the allowed size of " + uploadLimit + " bytes",
                        Map.of("limit", uploadLimit));
            }
            String name = fileName;
            UploadSink sink = file;
            byte[] kept = sink.keptBytes();
            added = store.add(module, recordId, (id, m, r, p, t) -> kept != null
                    ? StoredAttachment.file(id, m, r, p, name, kept, t)
                    : StoredAttachment.hashOnly(id, m, r, p, name, sink.size(), sink.sha256(), t));
        } else {
            String url = fields.get("attachmentUrl");
            if (url == null || url.isBlank()) {
                return requiredParamMissing("file");
            }
            String title = fields.getOrDefault("title", "");
            String name = title.isBlank() ? url : title;
            added = store.add(module, recordId, (id, m, r, p, t) -> StoredAttachment.link(id, m, r, p, name, url, t));
        }
        Map<String, Object> json = added.toJson();
        Map<String, Object> details = new LinkedHashMap<>();
        for (String key : Arrays.asList("Modified_Time", "Modified_By", "Created_Time", "id", "Created_By")) {
            details.put(key, json.get(key));
        }
        return Reply.dataItems(200, List.of(Reply.successItem(details, "attachment uploaded successfully")));
    }

    private static String readField(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_FORM_FIELD);
        body.transferTo(OutputStream.nullOutputStream());
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Reply requiredParamMissing(String param) {
        return Reply.zohoError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                Map.of("param", param));
    }

    private static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String s : value.split(",")) {
            String trimmed = s.trim();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return items;
    }

}
