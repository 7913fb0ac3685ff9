package io.github.camelzoho.attachments.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The attachment an upload created: Zoho's answer (its id, when it was created and by whom) plus what was sent (the file name
 * and the bytes sent, or the link), as a {@link ZohoAttachment} whose other properties are null. Serialises with a plain
 * Jackson {@code ObjectMapper} to Zoho's own keys ({@code id}, {@code File_Name}, {@code Size}, {@code $link_url},
 * {@code Created_Time}, ...) and keeps keys it does not model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "File_Name", "Size", "$link_url", "Created_Time", "Modified_Time", "Created_By", "Modified_By"})
public class ZohoUploadResult extends ZohoAttachment {

    @Override
    public String toString() {
        return "ZohoUploadResult[id=" + getId() + ", "
                + (getLinkUrl() != null ? "link=" + getLinkUrl() : "fileName=" + getFileName() + ", size=" + getSize())
                + ", createdTime=" + getCreatedTime() + "]";
    }
}
