package io.github.camelzoho.attachments.client;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The record an attachment belongs to ({@code Parent_Id}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "id"})
public class ZohoParentRecord extends ZohoExtensibleObject {

    private String id;
    private String name;

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

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ZohoParentRecord other && Objects.equals(id, other.id)
                && Objects.equals(name, other.name) && getOtherProperties().equals(other.getOtherProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, getOtherProperties());
    }

    @Override
    public String toString() {
        return "ZohoParentRecord[id=" + id + ", name=" + name + "]";
    }
}
