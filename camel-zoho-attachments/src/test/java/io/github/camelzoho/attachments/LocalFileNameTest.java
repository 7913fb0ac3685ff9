package io.github.camelzoho.attachments;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CamelFileName a download gets: the file component writes it below its directory, never outside. */
class LocalFileNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Proposal.pdf           | Proposal.pdf",
            "../../etc/passwd       | passwd",
            "C:\\Users\\x\\evil.bat | evil.bat",
            "dir/                   | 42",
            "..                     | 42",
            "NULL                   | 42"})
    void localNamesNeverLeaveTheTargetDirectory(String name, String expected) {
        assertEquals(expected, ZohoAttachmentsProducer.localFileName(name == null ? null : name.strip(), "42"));
    }
}
