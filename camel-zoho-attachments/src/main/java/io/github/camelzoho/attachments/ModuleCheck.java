package io.github.camelzoho.attachments;

import java.util.List;
import java.util.Locale;

import io.github.camelzoho.attachments.client.ZohoApiException;
import io.github.camelzoho.attachments.client.ZohoAttachmentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's start-up check of its {@code module} option: one request for the module's first record ({@code GET
 * /crm/{version}/{module}?fields=id&per_page=1}, sent once, never retried). Only Zoho's definite {@code INVALID_MODULE} fails
 * the start, naming the closest of Zoho's standard modules; any other failure (the network, a 5xx, a token refused,
 * NO_PERMISSION, OAUTH_SCOPE_MISMATCH) is logged once at WARN and the consumer starts, since it says nothing about the module.
 */
final class ModuleCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleCheck.class);

    /** The API names of Zoho CRM's standard modules that can hold attachments, for the suggestion. */
    static final List<String> STANDARD_MODULES = List.of("Leads", "Accounts", "Contacts", "Deals", "Campaigns", "Tasks",
            "Cases",
            "Events", "Calls", "Solutions", "Products", "Vendors", "Price_Books", "Quotes", "Sales_Orders", "Purchase_Orders",
            "Invoices", "Appointments", "Services", "Notes");

    private ModuleCheck() {
    }

    /**
     * Sends the check's one request.
     *
     * @throws IllegalArgumentException
     *             when Zoho answered INVALID_MODULE
     */
    static void verify(ZohoAttachmentsClient client, String module) {
        try {
            client.moduleListings().firstRecord(module);
            LOG.debug("module '{}' is a module of this CRM (checked with 1 API request)", module);
        } catch (ZohoApiException e) {
            if ("INVALID_MODULE".equals(e.getCode())) {
                throw new IllegalArgumentException("module '" + module
                        + "' is not a module of this CRM (Zoho answered INVALID_MODULE); did you mean '"
                        + closest(module) + "'?",
                        e);
            }
            warn(module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warn(module, e);
        } catch (Exception e) {
            warn(module, e);
        }
    }

    private static void warn(String module, Exception e) {
        LOG.warn("Could not check that module '{}' is a module of this CRM, starting anyway (a misspelled module lists nothing;"
                + " set validateModule=false to skip this check): {}",
                module, e.getMessage());
    }

    /** The standard module whose API name is the fewest edits away (ignoring case); the first listed on a tie. */
    static String closest(String module) {
        String wanted = module.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : STANDARD_MODULES) {
            int distance = levenshtein(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
