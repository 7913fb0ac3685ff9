package io.github.camelzoho.attachments.client;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Zoho's result for one attachment of a delete request: {@code SUCCESS} or an error code, per id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "code", "status", "message", "details"})
public final class ZohoDeleteResult {

    private final String id;
    private final String code;
    private final String status;
    private final String message;
    private final Map<String, Object> details;

    @JsonCreator
    public ZohoDeleteResult(@JsonProperty("id") String id, @JsonProperty("code") String code,
            @JsonProperty("status") String status, @JsonProperty("message") String message,
            @JsonProperty("details") Map<String, Object> details) {
        this.id = id;
        this.code = code;
        this.status = status;
        this.message = message;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The attachment id this result is about. */
    @JsonProperty("id")
    public String getId() {
        return id;
    }

    /** Zoho's code: {@code SUCCESS}, or an error such as {@code INVALID_DATA}. */
    @JsonProperty("code")
    public String getCode() {
        return code;
    }

    /** {@code success} or {@code error}. */
    @JsonProperty("status")
    public String getStatus() {
        return status;
    }

    /** Zoho's message, e.g. {@code record deleted}. */
    @JsonProperty("message")
    public String getMessage() {
        return message;
    }

    /** Zoho's details object. */
    @JsonProperty("details")
    public Map<String, Object> getDetails() {
        return details;
    }

    /** True when Zoho deleted this attachment. */
    @JsonIgnore
    public boolean isSuccess() {
        return "success".equalsIgnoreCase(status) && "SUCCESS".equalsIgnoreCase(code);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ZohoDeleteResult other && Objects.equals(id, other.id)
                && Objects.equals(code, other.code) && Objects.equals(status, other.status)
                && Objects.equals(message, other.message) && details.equals(other.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, code, status, message, details);
    }

    @Override
    public String toString() {
        return id + ": " + code + (message == null ? "" : " (" + message + ")");
    }
}
