package io.github.camelzoho.attachments.client;

import java.util.List;

import io.github.camelzoho.attachments.client.internal.InputValidator;

/**
 * The record whose attachments a call works on, made only from checked values (private constructor; every factory runs
 * {@link InputValidator}), so the client puts it in a URL without checking it again. So each value is checked once: the Camel
 * endpoint's module and recordId options at start-up, a module or record id header once per exchange, a Camel-free caller's
 * values by {@link #of(String, String)}.
 */
public final class ZohoRecordPath {

    private final String module;
    private final String recordId;

    private ZohoRecordPath(String module, String recordId) {
        this.module = module;
        this.recordId = recordId;
    }

    /** A record of a module, e.g. {@code of("Leads", "4876876000000376008")}; a bad value is refused naming it. */
    public static ZohoRecordPath of(String module, String recordId) {
        return ofModule("module", module).withRecordId("recordId", recordId);
    }

    /** A module whose record {@link #withRecordId} names; {@code source} names the value in errors. */
    public static ZohoRecordPath ofModule(String source, String module) {
        return new ZohoRecordPath(InputValidator.module(source, module), null);
    }

    /** This record in another module, checked naming {@code source}. */
    public ZohoRecordPath withModule(String source, String otherModule) {
        return new ZohoRecordPath(InputValidator.module(source, otherModule), recordId);
    }

    /** Another record of this module, checked naming {@code source}. */
    public ZohoRecordPath withRecordId(String source, String otherRecordId) {
        return new ZohoRecordPath(module, InputValidator.recordId(source, otherRecordId));
    }

    /** The records of this module a comma-separated list of ids names, none repeated, checked naming {@code source}. */
    public List<ZohoRecordPath> withRecordIds(String source, String recordIds) {
        return InputValidator.recordIds(source, recordIds).stream().map(id -> new ZohoRecordPath(module, id)).toList();
    }

    public String module() {
        return module;
    }

    /** The record id, or null while only the module is known. */
    public String recordId() {
        return recordId;
    }

    /** {@code module/recordId}, as it goes in a URL. */
    String path() {
        if (recordId == null) {
            throw new IllegalArgumentException("recordId is required: a record id (digits only)");
        }
        return module + "/" + recordId;
    }
}
