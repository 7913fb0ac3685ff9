package io.github.camelzoho.attachments.client.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every value that ends up in a Zoho URL before anything is sent. Each failure is an {@link IllegalArgumentException}
 * whose message names where the value came from (an option, or a header) and the value itself, so a user can find and fix it.
 * Only values that pass are ever put in a path or query.
 */
public final class InputValidator {

    /** A scheme and the slashes after it (group 2), as typed, right or wrong. */
    private static final Pattern URL_PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*:)([/\\\\]*)");

    /** Zoho's documented maximum of field names in {@code fields}. */
    public static final int MAX_FIELDS = 50;
    /** The most ids sent in one bulk delete: Zoho's usual bulk cap (the Attachments API documents none). */
    public static final int MAX_BULK_DELETE_IDS = 100;
    /** Zoho's maximum page size. */
    public static final int MAX_PER_PAGE = 200;
    /** The longest file name or link title accepted (Zoho documents none; 255 is what file systems allow). */
    public static final int MAX_NAME_LENGTH = 255;
    /** The longest link accepted (Zoho documents none; longer URLs are not reliably carried by browsers and proxies). */
    public static final int MAX_URL_LENGTH = 2048;
    /** Zoho's documented limit for a file uploaded with API v8: 100 MB. */
    public static final long DEFAULT_MAX_UPLOAD_SIZE = 100L * 1024 * 1024;

    /** Modules whose attachments the API does not support. */
    private static final Set<String> UNSUPPORTED_MODULES = Set.of("documents", "projects");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Pattern ID = Pattern.compile("[0-9]{1,30}");
    private static final Pattern FIELD = Pattern.compile("\\$?[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Pattern API_VERSION = Pattern.compile("v([3-9]|[1-9][0-9])");

    private InputValidator() {
    }

    /** A module API name: letters, digits and underscores; Documents and Projects are refused. */
    public static String module(String source, String value) {
        String module = required(source, value, "a module API name such as Leads");
        if (UNSUPPORTED_MODULES.contains(module.toLowerCase(Locale.ROOT))) {
            throw invalid(source, value,
                    "Zoho's Attachments API does not support the " + module + " module");
        }
        if (!MODULE.matcher(module).matches()) {
            String hint = module.contains(" ") ? " (API names use underscores, e.g. Price_Books)" : "";
            throw invalid(source, value, "must be a module API name: a letter, then letters, digits or underscores" + hint);
        }
        return module;
    }

    /** A record id: digits only. */
    public static String recordId(String source, String value) {
        return id(source, value, "a record id");
    }

    /** One attachment id: digits only. */
    public static String attachmentId(String source, String value) {
        if (value != null && value.contains(",")) {
            throw invalid(source, value, "names several ids; this operation takes one attachment id");
        }
        return id(source, value, "an attachment id");
    }

    /**
     * The name of a file to upload: not blank, at most {@value #MAX_NAME_LENGTH} characters, no control characters and no
     * directory ({@code /} or {@code \}).
     */
    public static String fileName(String source, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(source + " is required: the name Zoho shows for the file, e.g. report.pdf");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(source, value, "must not contain control characters");
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw invalid(source, value, "must be a file name without a directory: no / or \\");
        }
        String name = value.strip();
        if (name.equals(".") || name.equals("..")) {
            throw invalid(source, value, "is not a file name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid(source, value, "is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH);
        }
        return name;
    }

    /**
     * The link of a link attachment: an absolute http or https URL with a host, without user info (it would show a password to
     * everyone who sees the record), at most {@value #MAX_URL_LENGTH} characters.
     */
    public static String attachmentUrl(String source, String value) {
        String url = required(source, value, "an http or https URL such as https://www.zylker.com/brochure.pdf");
        URI uri = httpUrl(source, url, "");
        if (uri.getRawUserInfo() != null) {
            throw invalid(source, withoutUserInfo(url), "must not carry a user name or password");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw invalid(source, url, "is " + url.length() + " characters long; at most " + MAX_URL_LENGTH);
        }
        return url;
    }

    /** The title of a link attachment: optional (null stays null), at most {@value #MAX_NAME_LENGTH} characters. */
    public static String title(String source, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(source, value, "must not contain control characters");
        }
        String title = value.strip();
        if (title.length() > MAX_NAME_LENGTH) {
            throw invalid(source, value, "is " + title.length() + " characters long; at most " + MAX_NAME_LENGTH);
        }
        return title;
    }

    /**
     * The URL with any user info (a user name and password before the host) replaced by {@code ***}, whether or not the URL
     * parses: after the scheme and however many slashes (none, one, three, backslashes), everything up to the last {@code @}
     * before the path, query or fragment is masked, e.g. {@code http:/user:secret@host} becomes {@code http:/***@host}. With no
     * slash after the scheme, the scheme may itself be the user name ({@code user:secret@host}), so it is masked as well.
     */
    public static String withoutUserInfo(String url) {
        Matcher prefix = URL_PREFIX.matcher(url);
        int start = 0;
        if (prefix.lookingAt() && prefix.group(2) != null && !prefix.group(2).isEmpty()) {
            start = prefix.end();
        }
        int end = url.length();
        for (char c : new char[]{'/', '\\', '?', '#'}) {
            int at = url.indexOf(c, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        return at >= start ? url.substring(0, start) + "***@" + url.substring(at + 1) : url;
    }

    /**
     * One id or a comma-separated list of ids (blanks around commas allowed), at most {@value #MAX_BULK_DELETE_IDS}, none
     * repeated, none empty.
     */
    public static List<String> attachmentIds(String source, String value) {
        List<String> ids = idList(source, value, "an attachment id");
        if (ids.size() > MAX_BULK_DELETE_IDS) {
            throw invalid(source, value,
                    "names " + ids.size() + " ids; at most " + MAX_BULK_DELETE_IDS + " can be deleted in one request");
        }
        return ids;
    }

    /** One record id or a comma-separated list of them, none repeated, none empty. */
    public static List<String> recordIds(String source, String value) {
        return idList(source, value, "a record id");
    }

    private static List<String> idList(String source, String value, String what) {
        required(source, value, "one " + what.substring(what.indexOf(' ') + 1) + ", or several separated by commas");
        Set<String> ids = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String id = part.trim();
            if (id.isEmpty()) {
                throw invalid(source, value, "has an empty id between commas");
            }
            if (!ID.matcher(id).matches()) {
                throw invalid(source, value, "'" + shorten(id) + "' is not " + what + " (digits only)");
            }
            if (!ids.add(id)) {
                throw invalid(source, value, "names id " + id + " twice");
            }
        }
        return new ArrayList<>(ids);
    }

    /** Comma-separated field API names, at most {@value #MAX_FIELDS}; returns them joined as Zoho expects. */
    public static String fields(String source, String value) {
        required(source, value, "comma-separated field API names such as id,File_Name");
        Set<String> fields = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String field = part.trim();
            if (!FIELD.matcher(field).matches()) {
                throw invalid(source, value, "'" + shorten(field) + "' is not a field API name");
            }
            fields.add(field);
        }
        if (fields.size() > MAX_FIELDS) {
            throw invalid(source, value, "names " + fields.size() + " fields; Zoho accepts at most " + MAX_FIELDS);
        }
        return String.join(",", fields);
    }

    /** An API version, v3 or later (the Attachments list needs {@code fields}, which v3 introduced). */
    public static String apiVersion(String source, String value) {
        String version = required(source, value, "an API version such as v8");
        if (!API_VERSION.matcher(version).matches()) {
            throw invalid(source, value, "must be v3 or later, e.g. v8");
        }
        return version;
    }

    /** A page size from 1 to {@value #MAX_PER_PAGE}. */
    public static int perPage(String source, int value) {
        if (value < 1 || value > MAX_PER_PAGE) {
            throw invalid(source, String.valueOf(value), "must be from 1 to " + MAX_PER_PAGE);
        }
        return value;
    }

    /** An http or https base URL with a host and nothing after the path. Returns it without a trailing slash. */
    public static String baseUrl(String source, String value) {
        String url = required(source, value, "an http(s) URL such as https://www.zohoapis.com");
        URI uri = httpUrl(source, url, ", e.g. https://www.zohoapis.com");
        if (uri.getPort() > 65535) {
            throw invalid(source, withoutUserInfo(url), "has port " + uri.getPort() + "; ports go up to 65535");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(source, withoutUserInfo(url), "must not carry a query, a fragment or user info");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An absolute http or https URL with a host; {@code example} ends the message when it is not one. */
    private static URI httpUrl(String source, String url, String example) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            throw invalid(source, withoutUserInfo(url), "is not a URL: " + e.getReason());
        }
        throw invalid(source, withoutUserInfo(url), "must be an http or https URL with a host" + example);
    }

    /** A whole number not below {@code min}. */
    public static long atLeast(String source, long value, long min) {
        if (value < min) {
            throw invalid(source, String.valueOf(value), "must be at least " + min);
        }
        return value;
    }

    private static String id(String source, String value, String what) {
        String id = required(source, value, what + " (digits only)");
        if (!ID.matcher(id).matches()) {
            throw invalid(source, value, "must be " + what + ": digits only");
        }
        return id;
    }

    private static String required(String source, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(source + " is required: " + expected);
        }
        return value.trim();
    }

    /** The failure every check throws: {@code Invalid <source> '<value>': <reason>}. */
    public static IllegalArgumentException invalid(String source, String value, String reason) {
        return new IllegalArgumentException("Invalid " + source + " '" + shorten(value) + "': " + reason);
    }

    /** Long or binary values are cut and control characters escaped, so a message stays one readable line. */
    public static String shorten(String value) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
