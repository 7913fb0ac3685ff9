package io.github.camelzoho.examples.quarkus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.camelzoho.attachments.ZohoAttachmentsConstants;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Writes an attachment's content under {@code archive.directory}/module/record id/attachment id-file name. */
@ApplicationScoped
public class AttachmentArchive {

    @ConfigProperty(name = "archive.directory")
    Path directory;

    /**
     * Streams the content to a temporary file first and renames it at the end, so a download broken halfway never leaves a file
     * that looks complete; the exchange then fails and the consumer emits the attachment again at the next poll.
     *
     * @return the path written, as text
     */
    public String store(@Header(ZohoAttachmentsConstants.MODULE) String module,
            @Header(ZohoAttachmentsConstants.RECORD_ID) String recordId,
            @Header(ZohoAttachmentsConstants.ATTACHMENT_ID) String attachmentId,
            // a local name the download operation made safe (no directories, no "..")
            @Header(Exchange.FILE_NAME) String localName,
            @Body InputStream content)
            throws IOException {
        Path recordDirectory = directory.resolve(module).resolve(recordId);
        Files.createDirectories(recordDirectory);
        Path target = recordDirectory.resolve(attachmentId + "-" + localName);
        Path partial = Files.createTempFile(recordDirectory, ".part-", "");
        try (content) {
            Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
                    .toString();
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
