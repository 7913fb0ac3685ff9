package io.github.camelzoho.attachments.client;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A Zoho CRM user as attachments reference it ({@code Owner}, {@code Created_By}, {@code Modified_By}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "id", "email"})
public class ZohoUser extends ZohoExtensibleObject {

    private String id;
    private String name;
    private String email;

    public ZohoUser() {
    }

    public ZohoUser(String id, String name, String email) {
        this.id = id;
        this.name = name;
        this.email = email;
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

    @JsonProperty("email")
    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ZohoUser other && Objects.equals(id, other.id) && Objects.equals(name, other.name)
                && Objects.equals(email, other.email) && getOtherProperties().equals(other.getOtherProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, email, getOtherProperties());
    }

    @Override
    public String toString() {
        return "ZohoUser[id=" + id + ", name=" + name + "]";
    }
}
