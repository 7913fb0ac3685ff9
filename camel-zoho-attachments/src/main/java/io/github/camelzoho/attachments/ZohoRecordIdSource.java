package io.github.camelzoho.attachments;

import java.util.Collection;

/**
 * Supplies the record ids a consumer watches, asked again at every poll, so the watch list can change at run time (for example,
 * the ids come from a database or another Zoho query). Bind an implementation as a bean and refer to it with
 * {@code recordIdSource=#myBean}.
 */
@FunctionalInterface
public interface ZohoRecordIdSource {

    /** The record ids to poll now (digits only; each is validated). */
    Collection<String> recordIds() throws Exception;
}
