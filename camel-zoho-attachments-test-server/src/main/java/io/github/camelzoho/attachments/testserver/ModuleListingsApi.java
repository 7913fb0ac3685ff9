package io.github.camelzoho.attachments.testserver;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two listings a whole-module watch needs, beside the per-record Attachments API: the module-level attachment listing
 * {@code GET /crm/{version}/Attachments} (every module's attachments, used by public tools against live CRMs but not in Zoho's
 * API reference) and a module's record listing {@code GET /crm/{version}/{module}?fields=...}. Both page like Zoho's record
 * listings (200 per page, {@code page} up to 2,000 records, {@code page_token} beyond) and honour {@code If-Modified-Since}
 * with 304 and no body when nothing is newer.
 */
final class ModuleListingsApi {

    private static final Pattern ORG_ATTACHMENTS = Pattern.compile("/crm/v(\\d{1,6})/Attachments");
    private static final Pattern RECORDS = Pattern.compile("/crm/v(\\d{1,6})/([^/]+)");
    private static final String ALL_MODULES = "*Attachments";
    private static final String ALL_RECORDS = "*";
    private static final Set<String> RECORD_TIME_FIELDS = Set.of("Last_Activity_Time", "Modified_Time", "Created_Time");

    private final AttachmentStore store;
    private final OAuthTokens tokens;
    private final Supplier<PageTokenMode> pageTokenMode;
    /** How many attachments {@code page} reaches in the module-level listing (Zoho's record listings: 2,000). */
    private volatile int attachmentsPageLimit = AttachmentsApi.DISCRETE_LIMIT;
    private final PageTokens pageTokens = new PageTokens();
    private volatile ModuleListingOrder order = ModuleListingOrder.NEWEST_FIRST;
    private volatile String refusal;
    private volatile boolean ifModifiedSinceHonoured = true;
    private volatile ModuleListingSort sort = ModuleListingSort.HONOURED;

    ModuleListingsApi(AttachmentStore store, OAuthTokens tokens, Supplier<PageTokenMode> pageTokenMode) {
        this.store = store;
        this.tokens = tokens;
        this.pageTokenMode = pageTokenMode;
    }

    void setOrder(ModuleListingOrder order) {
        this.order = Objects.requireNonNull(order, "order");
    }

    void setAttachmentsPageLimit(int records) {
        if (records < AttachmentsApi.MAX_PER_PAGE) {
            throw new IllegalArgumentException("the page limit must be at least a page of 200: " + records);
        }
        this.attachmentsPageLimit = records;
    }

    void setSort(ModuleListingSort sort) {
        this.sort = Objects.requireNonNull(sort, "sort");
    }

    void setRefusal(String zohoCode) {
        this.refusal = zohoCode;
    }

    void setIfModifiedSinceHonoured(boolean honoured) {
        this.ifModifiedSinceHonoured = honoured;
    }

    /** The answer when the path is one of these listings, else null. */
    Reply handle(IncomingRequest req) {
        Matcher org = ORG_ATTACHMENTS.matcher(req.path());
        Matcher records = RECORDS.matcher(req.path());
        if (!org.matches() && !records.matches()) {
            return null;
        }
        Reply refused = tokens.refusal(req.authorization());
        if (refused != null) {
            return refused;
        }
        if (!req.method().equals("GET")) {
            return Reply.zohoError(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
        }
        return org.matches() ? attachmentsOfEveryModule(req) : records(req, records.group(2));
    }

    private Reply attachmentsOfEveryModule(IncomingRequest req) {
        String refused = refusal;
        if (refused != null) {
            return refusal(refused);
        }
        Request listing = Request.parse(req);
        if (listing.error != null) {
            return listing.error;
        }
        Instant since = ifModifiedSinceHonoured ? listing.since : null;
        List<StoredAttachment> items = new ArrayList<>();
        for (StoredAttachment a : store.all()) {
            if (since == null || a.createdAt.isAfter(since)) {
                items.add(a);
            }
        }
        Comparator<StoredAttachment> byTime = Comparator.comparing((StoredAttachment a) -> a.createdAt)
                .thenComparingLong(a -> a.id);
        Comparator<StoredAttachment> asked = null;
        String sortBy = req.param("sort_by");
        String sortOrder = req.param("sort_order");
        if (sortBy != null || sortOrder != null) {
            if (sort == ModuleListingSort.REJECTED) {
                return Reply.zohoError(400, "INVALID_DATA", "invalid data",
                        Map.of("param", sortBy != null ? "sort_by" : "sort_order"));
            }
            if (sortBy != null && !Set.of("id", "Created_Time", "Modified_Time").contains(sortBy)) {
                return Reply.zohoError(400, "INVALID_DATA", "invalid data", Map.of("param", "sort_by"));
            }
            if (sortOrder != null && !Set.of("asc", "desc").contains(sortOrder)) {
                return Reply.zohoError(400, "INVALID_DATA", "invalid data", Map.of("param", "sort_order"));
            }
            if (sort == ModuleListingSort.HONOURED) {
                // attachments are never edited here: Modified_Time is Created_Time
                asked = "id".equals(sortBy) ? Comparator.comparingLong((StoredAttachment a) -> a.id) : byTime;
                asked = "asc".equals(sortOrder) ? asked : asked.reversed();
            }
        }
        items.sort(asked != null ? asked : switch (order) {
            case NEWEST_FIRST -> byTime.reversed();
            case OLDEST_FIRST -> byTime;
            case BY_ID -> Comparator.comparingLong((StoredAttachment a) -> a.id);
        });
        return page(listing, ALL_MODULES, items, since != null, a -> a.toJson(listing.fields));
    }

    private Reply records(IncomingRequest req, String moduleName) {
        String module = store.resolveModule(moduleName);
        if (module == null || AttachmentStore.UNSUPPORTED_MODULES.contains(moduleName.toLowerCase(java.util.Locale.ROOT))) {
            return Reply.zohoError(400, "INVALID_MODULE", "the module name given seems to be invalid",
                    Map.of("resource_path_index", 0));
        }
        Request listing = Request.parse(req);
        if (listing.error != null) {
            return listing.error;
        }
        List<AttachmentStore.StoredRecord> items = new ArrayList<>();
        for (AttachmentStore.StoredRecord r : store.records(module)) {
            // Zoho's record listings compare If-Modified-Since with Modified_Time, which attaching a file does not move
            if (listing.since == null || r.modifiedTime().isAfter(listing.since)) {
                items.add(r);
            }
        }
        return page(listing, module, items, listing.since != null, r -> recordJson(r, listing.fields));
    }

    private static Map<String, Object> recordJson(AttachmentStore.StoredRecord r, Set<String> fields) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String field : fields) {
            Instant time = switch (field) {
                case "Last_Activity_Time" -> r.lastActivityTime();
                case "Modified_Time", "Created_Time" -> r.modifiedTime();
                default -> null;
            };
            if (RECORD_TIME_FIELDS.contains(field)) {
                json.put(field, time == null ? null : StoredAttachment.TIME_FORMAT.format(time));
            }
        }
        json.put("id", r.id());
        return json;
    }

    private <T> Reply page(Request listing, String scope, List<T> items, boolean conditional, Function<T, Object> json) {
        int offset;
        int perPage;
        if (listing.pageToken != null) {
            PageTokens.Cursor cursor = pageTokens.resolve(listing.pageToken);
            if (cursor == null || !cursor.module().equals(scope)) {
                return Reply.zohoError(400, "INVALID_DATA", "the page_token given seems to be invalid",
                        Map.of("param", "page_token"));
            }
            offset = cursor.offset();
            perPage = listing.perPage != null ? listing.perPage : cursor.perPage();
        } else {
            perPage = listing.perPage != null ? listing.perPage : AttachmentsApi.MAX_PER_PAGE;
            int limit = scope.equals(ALL_MODULES) ? attachmentsPageLimit : AttachmentsApi.DISCRETE_LIMIT;
            if ((long) listing.page * perPage > limit) {
                return Reply.zohoError(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                        "the page parameter only reaches the first " + limit
                                + " records; use page_token to fetch more records",
                        Map.of("param", "page", "limit", limit));
            }
            offset = (listing.page - 1) * perPage;
        }
        if (items.isEmpty() && conditional) {
            return Reply.empty(304); // nothing modified since: no body, as Zoho's record listings answer
        }
        if (offset >= items.size()) {
            return Reply.empty(204);
        }
        List<Object> data = new ArrayList<>();
        for (int i = offset; i < items.size() && i < offset + perPage; i++) {
            data.add(json.apply(items.get(i)));
        }
        boolean more = (long) offset + data.size() < items.size();
        Map<String, Object> info = new LinkedHashMap<>();
        PageTokenMode mode = pageTokenMode.get();
        long nextOffset = (long) offset + perPage;
        String next = more && (mode == PageTokenMode.ALWAYS
                || mode == PageTokenMode.PAST_2000
                        && nextOffset
                                + perPage > (scope.equals(ALL_MODULES) ? attachmentsPageLimit : AttachmentsApi.DISCRETE_LIMIT))
                                        ? pageTokens.issue(new PageTokens.Cursor(scope, ALL_RECORDS, (int) nextOffset, perPage))
                                                .token()
                                        : null;
        info.put("per_page", perPage);
        info.put("count", data.size());
        info.put("page", offset / perPage + 1);
        info.put("more_records", more);
        info.put("next_page_token", next);
        info.put("previous_page_token", null);
        info.put("page_token_expiry", next == null
                ? null
                : StoredAttachment.TIME_FORMAT.format(Instant.now().plus(PageTokens.VALIDITY)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("info", info);
        return Reply.json(200, body);
    }

    private static Reply refusal(String code) {
        return switch (code) {
            case "INVALID_MODULE" -> Reply.zohoError(400, code, "the module name given seems to be invalid",
                    Map.of("resource_path_index", 0));
            case "NO_PERMISSION" -> Reply.zohoError(403, code, "permission denied", Map.of());
            case "OAUTH_SCOPE_MISMATCH" -> Reply.zohoError(401, code, "invalid oauth scope to access this URL", Map.of());
            default -> Reply.zohoError(400, code, "refused by the test server", Map.of());
        };
    }

    /** The parameters both listings share, checked as Zoho's record listings check them. */
    private static final class Request {

        Set<String> fields;
        Integer perPage;
        int page = 1;
        String pageToken;
        Instant since;
        Reply error;

        static Request parse(IncomingRequest req) {
            Request r = new Request();
            String fieldsParam = req.param("fields");
            r.fields = fieldsParam == null ? new LinkedHashSet<>() : new LinkedHashSet<>(List.of(fieldsParam.split(",")));
            r.fields.removeIf(String::isBlank);
            if (r.fields.isEmpty()) {
                r.error = Reply.zohoError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
                        Map.of("param", "fields"));
                return r;
            }
            if (r.fields.size() > AttachmentsApi.MAX_FIELDS) {
                r.error = Reply.zohoError(400, "LIMIT_EXCEEDED", "the number of fields exceeds the limit of "
                        + AttachmentsApi.MAX_FIELDS, Map.of("param", "fields", "limit", AttachmentsApi.MAX_FIELDS));
                return r;
            }
            String pageParam = req.param("page");
            r.pageToken = req.param("page_token");
            if (pageParam != null && r.pageToken != null) {
                r.error = Reply.zohoError(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                        "page and page_token cannot be used together", Map.of("param", "page_token"));
                return r;
            }
            String perPageParam = req.param("per_page");
            if (perPageParam != null) {
                r.perPage = QueryString.positive(perPageParam);
                if (r.perPage == null || r.perPage > AttachmentsApi.MAX_PER_PAGE) {
                    r.error = Reply.zohoError(400, "INVALID_DATA", "per_page must be between 1 and "
                            + AttachmentsApi.MAX_PER_PAGE, Map.of("param", "per_page"));
                    return r;
                }
            }
            if (pageParam != null) {
                Integer page = QueryString.positive(pageParam);
                if (page == null) {
                    r.error = Reply.zohoError(400, "INVALID_DATA", "page must be a positive number", Map.of("param", "page"));
                    return r;
                }
                r.page = page;
            }
            if (req.ifModifiedSince() != null) {
                r.since = parseTime(req.ifModifiedSince());
                if (r.since == null) {
                    r.error = Reply.zohoError(400, "INVALID_DATA", "the If-Modified-Since header is not a date-time",
                            Map.of("header", "If-Modified-Since"));
                }
            }
            return r;
        }

        /** ISO-8601 with offset (what Zoho documents), or the HTTP date format; whole seconds. */
        private static Instant parseTime(String value) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant().truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        }
    }
}
