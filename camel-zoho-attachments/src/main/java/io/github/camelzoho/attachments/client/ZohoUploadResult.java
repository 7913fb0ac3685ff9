package io.github.camelzoho.attachments.client;

import java.time.OffsetDateTime;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The attachment an upload created: Zoho's answer (its id, when it was created and by whom) plus what was sent (the file name
 * and the bytes sent, or the link). Serialises with a plain Jackson {@code ObjectMapper} to Zoho's own keys ({@code id},
 * {@code File_Name}, {@code Size}, {@code $link_url}, {@code Created_Time}, ...) and keeps keys it does not model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "File_Name", "Size", "$link_url", "Created_Time", "Modified_Time", "Created_By", "Modified_By"})
public class ZohoUploadResult extends ZohoExtensibleObject {

    private String id;
    private String fileName;
    private Long size;
    private String linkUrl;
    private OffsetDateTime createdTime;
    private OffsetDateTime modifiedTime;
    private ZohoUser createdBy;
    private ZohoUser modifiedBy;

    /** The new attachment's id: what {@code download} and {@code delete} take. */
    @JsonProperty("id")
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** The file name sent ({@code File_Name}); for a link, its title, or null when none was given. */
    @JsonProperty("File_Name")
    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    /** The bytes sent ({@code Size}); null for a link. */
    @JsonProperty("Size")
    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    /** The link attached ({@code $link_url}); null for a file. */
    @JsonProperty("$link_url")
    public String getLinkUrl() {
        return linkUrl;
    }

    public void setLinkUrl(String linkUrl) {
        this.linkUrl = linkUrl;
    }

    /** When Zoho created the attachment ({@code Created_Time}). */
    @JsonProperty("Created_Time")
    @JsonSerialize(using = DateTimes.Serializer.class)
    @JsonDeserialize(using = DateTimes.Deserializer.class)
    public OffsetDateTime getCreatedTime() {
        return createdTime;
    }

    public void setCreatedTime(OffsetDateTime createdTime) {
        this.createdTime = createdTime;
    }

    /** When it was last modified ({@code Modified_Time}), as Zoho answered. */
    @JsonProperty("Modified_Time")
    @JsonSerialize(using = DateTimes.Serializer.class)
    @JsonDeserialize(using = DateTimes.Deserializer.class)
    public OffsetDateTime getModifiedTime() {
        return modifiedTime;
    }

    public void setModifiedTime(OffsetDateTime modifiedTime) {
        this.modifiedTime = modifiedTime;
    }

    /** Who created it ({@code Created_By}): the user of the OAuth token. */
    @JsonProperty("Created_By")
    public ZohoUser getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(ZohoUser createdBy) {
        this.createdBy = createdBy;
    }

    /** Who modified it last ({@code Modified_By}). */
    @JsonProperty("Modified_By")
    public ZohoUser getModifiedBy() {
        return modifiedBy;
    }

    public void setModifiedBy(ZohoUser modifiedBy) {
        this.modifiedBy = modifiedBy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ZohoUploadResult other)) {
            return false;
        }
        return Objects.equals(id, other.id) && Objects.equals(fileName, other.fileName) && Objects.equals(size, other.size)
                && Objects.equals(linkUrl, other.linkUrl) && Objects.equals(createdTime, other.createdTime)
                && Objects.equals(modifiedTime, other.modifiedTime) && Objects.equals(createdBy, other.createdBy)
                && Objects.equals(modifiedBy, other.modifiedBy) && getOtherProperties().equals(other.getOtherProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, fileName, size, linkUrl, createdTime);
    }

    @Override
    public String toString() {
        return "ZohoUploadResult[id=" + id + ", " + (linkUrl != null
                ? "link=" + linkUrl
                : "fileName=" + fileName
                        + ", size=" + size)
                + ", createdTime=" + createdTime + "]";
    }
}
