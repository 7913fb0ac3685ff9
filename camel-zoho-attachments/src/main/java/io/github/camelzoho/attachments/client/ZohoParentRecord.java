package io.github.camelzoho.attachments.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The record an attachment belongs to ({@code Parent_Id}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "id"})
public class ZohoParentRecord {

    private String id;
    private String name;
    private final Map<String, Object> otherProperties = new LinkedHashMap<>();

    public ZohoParentRecord() {
    }

    public ZohoParentRecord(String id, String name) {
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

    /** Keys Zoho sent that this class does not model. */
    @JsonAnyGetter
    public Map<String, Object> getOtherProperties() {
        return otherProperties;
    }

    @JsonAnySetter
    public void setOtherProperty(String key, Object value) {
        otherProperties.put(key, value);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ZohoParentRecord other && Objects.equals(id, other.id)
                && Objects.equals(name, other.name) && otherProperties.equals(other.otherProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, otherProperties);
    }

    @Override
    public String toString() {
        return "ZohoParentRecord[id=" + id + ", name=" + name + "]";
    }
}
