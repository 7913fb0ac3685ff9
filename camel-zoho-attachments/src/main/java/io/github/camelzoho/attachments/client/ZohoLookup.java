package io.github.camelzoho.attachments.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Zoho lookup value: the {@code id} and {@code name} of the record or user a field points to. */
public abstract class ZohoLookup extends ZohoExtensibleObject {

    private String id;
    private String name;

    protected ZohoLookup() {
    }

    protected ZohoLookup(String id, String name) {
        this.id = id;
        this.name = name;
    }

    @JsonProperty("id")
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @JsonProperty("name")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
