package io.github.camelzoho.attachments.client;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The record an attachment belongs to ({@code Parent_Id}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "id"})
public class ZohoParentRecord extends ZohoLookup {

    public ZohoParentRecord() {
    }

    public ZohoParentRecord(String id, String name) {
        super(id, name);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ZohoParentRecord other && Objects.equals(getId(), other.getId())
                && Objects.equals(getName(), other.getName()) && getOtherProperties().equals(other.getOtherProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getId(), getName(), getOtherProperties());
    }

    @Override
    public String toString() {
        return "ZohoParentRecord[id=" + getId() + ", name=" + getName() + "]";
    }
}
