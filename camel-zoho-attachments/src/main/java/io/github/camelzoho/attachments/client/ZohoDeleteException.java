package io.github.camelzoho.attachments.client;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Zoho refused to delete at least one of the requested attachments. {@link #getResults()} holds Zoho's result for every
 * requested id, so the caller knows exactly which attachments are gone ({@link #getDeletedIds()}) and which are still there
 * ({@link #getFailedIds()}).
 */
public class ZohoDeleteException extends ZohoApiException {

    private final List<ZohoDeleteResult> results;

    public ZohoDeleteException(int httpStatus, List<ZohoDeleteResult> results, String path) {
        super(describe(results, path), httpStatus, firstFailure(results).getCode(), firstFailure(results).getMessage(),
                Map.of(), "DELETE", path, 1, null);
        this.results = List.copyOf(results);
    }

    private static ZohoDeleteResult firstFailure(List<ZohoDeleteResult> results) {
        return results.stream().filter(r -> !r.isSuccess()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no failed result"));
    }

    private static String describe(List<ZohoDeleteResult> results, String path) {
        long deleted = results.stream().filter(ZohoDeleteResult::isSuccess).count();
        String failures = results.stream().filter(r -> !r.isSuccess()).map(ZohoDeleteResult::toString)
                .collect(Collectors.joining(", "));
        return "Zoho CRM deleted " + deleted + " of " + results.size() + " attachments on DELETE " + path + "; not deleted: "
                + failures;
    }

    /** Zoho's result for every requested id, in request order. */
    public List<ZohoDeleteResult> getResults() {
        return results;
    }

    /** The ids Zoho did delete. */
    public List<String> getDeletedIds() {
        return results.stream().filter(ZohoDeleteResult::isSuccess).map(ZohoDeleteResult::getId).toList();
    }

    /** The ids Zoho did not delete. */
    public List<String> getFailedIds() {
        return results.stream().filter(r -> !r.isSuccess()).map(ZohoDeleteResult::getId).toList();
    }
}
