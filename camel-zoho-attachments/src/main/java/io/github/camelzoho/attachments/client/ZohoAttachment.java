package io.github.camelzoho.attachments.client;

import java.time.OffsetDateTime;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One attachment of a Zoho CRM record, as the Attachments API describes it. Serialises with a plain Jackson
 * {@code ObjectMapper} to Zoho's own keys ({@code id}, {@code File_Name}, {@code Size}, {@code Created_Time}, {@code $file_id},
 * ...) and keeps every key it does not model in {@link #getOtherProperties()}, so new keys Zoho adds pass through a route
 * unharmed. {@code Size} is read from a number or a string (Zoho's documents disagree).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
        "id", "File_Name", "Size", "Created_Time", "Modified_Time", "Owner", "Created_By", "Modified_By", "Parent_Id",
        "$file_id", "$type", "$link_url", "$attachment_type", "$se_module", "$state", "$editable", "$sharing_permission"})
public class ZohoAttachment extends ZohoExtensibleObject {

    private String id;
    private String fileName;
    private Long size;
    private OffsetDateTime createdTime;
    private OffsetDateTime modifiedTime;
    private ZohoUser owner;
    private ZohoUser createdBy;
    private ZohoUser modifiedBy;
    private ZohoParentRecord parent;
    private String fileId;
    private String type;
    private String linkUrl;
    private Integer attachmentType;
    private String module;
    private String state;
    private Boolean editable;
    private String sharingPermission;

    /** The attachment id: what {@code delete} and {@code download} take. */
    @JsonProperty("id")
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** The file name ({@code File_Name}); for a link attachment, its title. */
    @JsonProperty("File_Name")
    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    /** The size in bytes ({@code Size}), or null when Zoho did not send it. */
    @JsonProperty("Size")
    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    /** When the attachment was added ({@code Created_Time}). */
    @JsonProperty("Created_Time")
    @JsonSerialize(using = DateTimes.Serializer.class)
    @JsonDeserialize(using = DateTimes.Deserializer.class)
    public OffsetDateTime getCreatedTime() {
        return createdTime;
    }

    public void setCreatedTime(OffsetDateTime createdTime) {
        this.createdTime = createdTime;
    }

    /** When the attachment was last modified ({@code Modified_Time}). */
    @JsonProperty("Modified_Time")
    @JsonSerialize(using = DateTimes.Serializer.class)
    @JsonDeserialize(using = DateTimes.Deserializer.class)
    public OffsetDateTime getModifiedTime() {
        return modifiedTime;
    }

    public void setModifiedTime(OffsetDateTime modifiedTime) {
        this.modifiedTime = modifiedTime;
    }

    /** The owner ({@code Owner}). */
    @JsonProperty("Owner")
    public ZohoUser getOwner() {
        return owner;
    }

    public void setOwner(ZohoUser owner) {
        this.owner = owner;
    }

    /** Who added it ({@code Created_By}). */
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

    /** The record it is attached to ({@code Parent_Id}); may be null. */
    @JsonProperty("Parent_Id")
    public ZohoParentRecord getParent() {
        return parent;
    }

    public void setParent(ZohoParentRecord parent) {
        this.parent = parent;
    }

    /** The file's id in Zoho's file system ({@code $file_id}). */
    @JsonProperty("$file_id")
    public String getFileId() {
        return fileId;
    }

    public void setFileId(String fileId) {
        this.fileId = fileId;
    }

    /** {@code $type}: e.g. {@code Attachment} for a file, {@code Link URL} for a link. */
    @JsonProperty("$type")
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** The URL of a link attachment ({@code $link_url}); null for files. */
    @JsonProperty("$link_url")
    public String getLinkUrl() {
        return linkUrl;
    }

    public void setLinkUrl(String linkUrl) {
        this.linkUrl = linkUrl;
    }

    /** {@code $attachment_type}, as Zoho numbers it. */
    @JsonProperty("$attachment_type")
    public Integer getAttachmentType() {
        return attachmentType;
    }

    public void setAttachmentType(Integer attachmentType) {
        this.attachmentType = attachmentType;
    }

    /** The API name of the parent record's module ({@code $se_module}). */
    @JsonProperty("$se_module")
    public String getModule() {
        return module;
    }

    public void setModule(String module) {
        this.module = module;
    }

    /** {@code $state}. */
    @JsonProperty("$state")
    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    /** Whether the user may edit the attachment ({@code $editable}). */
    @JsonProperty("$editable")
    public Boolean getEditable() {
        return editable;
    }

    public void setEditable(Boolean editable) {
        this.editable = editable;
    }

    /** {@code $sharing_permission}. */
    @JsonProperty("$sharing_permission")
    public String getSharingPermission() {
        return sharingPermission;
    }

    public void setSharingPermission(String sharingPermission) {
        this.sharingPermission = sharingPermission;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ZohoAttachment other)) {
            return false;
        }
        return Objects.equals(id, other.id) && Objects.equals(fileName, other.fileName) && Objects.equals(size, other.size)
                && Objects.equals(createdTime, other.createdTime) && Objects.equals(modifiedTime, other.modifiedTime)
                && Objects.equals(owner, other.owner) && Objects.equals(createdBy, other.createdBy)
                && Objects.equals(modifiedBy, other.modifiedBy) && Objects.equals(parent, other.parent)
                && Objects.equals(fileId, other.fileId) && Objects.equals(type, other.type)
                && Objects.equals(linkUrl, other.linkUrl) && Objects.equals(attachmentType, other.attachmentType)
                && Objects.equals(module, other.module) && Objects.equals(state, other.state)
                && Objects.equals(editable, other.editable) && Objects.equals(sharingPermission, other.sharingPermission)
                && getOtherProperties().equals(other.getOtherProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, fileName, size, createdTime, modifiedTime);
    }

    @Override
    public String toString() {
        return "ZohoAttachment[id=" + id + ", fileName=" + fileName + ", size=" + size + ", createdTime=" + createdTime + "]";
    }
}
