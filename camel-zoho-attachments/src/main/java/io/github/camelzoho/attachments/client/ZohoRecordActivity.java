package io.github.camelzoho.attachments.client;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A record of a module listing read with {@code fields=id,Last_Activity_Time}: attaching a file moves a record's
 * {@code Last_Activity_Time} (not its {@code Modified_Time}), so this tells which records may have new attachments.
 *
 * @param id
 *            the record id
 * @param lastActivityTime
 *            the record's last activity, null when it never had any
 */
public record ZohoRecordActivity(
        @JsonProperty("id") String id,
        @JsonProperty("Last_Activity_Time") @JsonDeserialize(using = DateTimes.Deserializer.class) OffsetDateTime lastActivityTime) {
}
