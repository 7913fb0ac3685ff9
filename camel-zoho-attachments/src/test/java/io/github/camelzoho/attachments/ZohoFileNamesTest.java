package io.github.camelzoho.attachments;

import java.nio.charset.StandardCharsets;

import io.github.camelzoho.attachments.client.ZohoFileNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Content-Disposition shapes servers send besides the test server's own, and the local names the file component gets.
 */
class ZohoFileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "attachment; filename=\"Proposal.pdf\"                                | Proposal.pdf",
            "attachment; filename=Proposal.pdf                                    | Proposal.pdf",
            "attachment;filename=\"a \\\"quoted\\\" name.txt\"                    | a \"quoted\" name.txt",
            "attachment; filename=\"_.pdf\"; filename*=UTF-8''%E2%82%AC%20rate.pdf | € rate.pdf",
            "attachment; filename*=utf-8'en'Gr%C3%BC%C3%9Fe.txt                   | Grüße.txt",
            "attachment; filename*=ISO-8859-1''%E4rger.txt                        | ärger.txt",
            "attachment; filename=\"fallback.txt\"; filename*=UTF-8''%ZZbroken     | fallback.txt",
            "attachment; filename*=UNKNOWN-CHARSET''x.txt; filename=\"plain.txt\"  | plain.txt",
            "attachment                                                           | NULL",
            "inline; filename=\"\"                                                | NULL"})
    void fileNameFromContentDisposition(String header, String expected) {
        assertEquals(expected, ZohoFileNames.fromContentDisposition(header.strip()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Résumé.pdf",
            "Überblick – 20 €.txt"})
    void rawUtf8BytesReadAsLatin1AreDecodedBack(String name) {
        String asReceived = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertEquals(name, ZohoFileNames.fromContentDisposition("attachment; filename=\"" + asReceived + "\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Proposal.pdf           | Proposal.pdf",
            "../../etc/passwd       | passwd",
            "C:\\Users\\x\\evil.bat | evil.bat",
            "dir/                   | 42",
            "..                     | 42",
            "NULL                   | 42"})
    void localNamesNeverLeaveTheTargetDirectory(String name, String expected) {
        assertEquals(expected, ZohoFileNames.localName(name == null ? null : name.strip(), "42"));
    }
}
