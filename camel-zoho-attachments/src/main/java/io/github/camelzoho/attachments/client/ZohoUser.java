package io.github.camelzoho.attachments.client;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A Zoho CRM user as attachments reference it ({@code Owner}, {@code Created_By}, {@code Modified_By}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "id", "email"})
public class ZohoUser extends ZohoLookup {

    private String email;

    public ZohoUser() {
    }

    public ZohoUser(String id, String name, String email) {
        super(id, name);
        this.email = email;
    }

    @JsonProperty("email")
    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ZohoUser other && Objects.equals(getId(), other.getId())
                && Objects.equals(getName(), other.getName()) && Objects.equals(email, other.email)
                && getOtherProperties().equals(other.getOtherProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getId(), getName(), email, getOtherProperties());
    }

    @Override
    public String toString() {
        return "ZohoUser[id=" + getId() + ", name=" + getName() + "]";
    }
}
