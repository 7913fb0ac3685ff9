package io.github.camelzoho.attachments;

import java.util.Map;
import java.util.Set;

import io.github.camelzoho.attachments.client.ZohoInput;
import org.apache.camel.util.TimeUtils;

/**
 * Checks the raw text of numeric, duration and boolean URI options before Camel converts it: Camel turns {@code maxRetries=x}
 * into 0 without a word, which would silently change what the endpoint does.
 */
final class ZohoOptionValues {

    private static final Set<String> WHOLE_NUMBERS = Set.of("perPage", "maxRetries", "maxConcurrentRequests",
            "maxMessagesPerPoll", "proxyPort", "backoffErrorThreshold", "backoffIdleThreshold", "backoffMultiplier",
            "repeatCount");
    private static final Set<String> LONG_NUMBERS = Set.of("maxUploadSize", "maxRequestsPerDay");
    private static final Set<String> DURATIONS = Set.of("retryInitialDelay", "retryMaxDelay", "connectTimeout",
            "requestSlotTimeout", "modifiedSinceOverlap",
            "responseTimeout", "delay", "initialDelay");
    private static final Set<String> BOOLEANS = Set.of("emitModified", "greedy", "sendEmptyMessageWhenIdle",
            "bridgeErrorHandler", "lazyStartProducer", "startScheduler", "useFixedDelay");

    private ZohoOptionValues() {
    }

    static void check(Map<String, Object> parameters) {
        for (Map.Entry<String, Object> option : parameters.entrySet()) {
            if (!(option.getValue() instanceof String text)) {
                continue; // set from Java or a bean: already typed
            }
            String name = option.getKey();
            String value = text.trim();
            if (WHOLE_NUMBERS.contains(name) && !value.matches("-?[0-9]{1,10}")) {
                throw ZohoInput.invalid(name, text, "must be a whole number");
            }
            if (LONG_NUMBERS.contains(name) && !value.matches("-?[0-9]{1,18}")) {
                throw ZohoInput.invalid(name, text, "must be a whole number");
            }
            if (DURATIONS.contains(name) && !isDuration(value)) {
                throw ZohoInput.invalid(name, text, "must be milliseconds or a duration such as 500, 2s or 1m30s");
            }
            if (BOOLEANS.contains(name) && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw ZohoInput.invalid(name, text, "must be true or false");
            }
        }
    }

    private static boolean isDuration(String value) {
        if (value.matches("[0-9]{1,18}")) {
            return true;
        }
        try {
            TimeUtils.toMilliSeconds(value);
            return !value.isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
