package io.github.camelzoho.attachments.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Content-Disposition shapes servers send besides the test server's own.
 */
class ContentDispositionTest {

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
        assertEquals(expected, ContentDisposition.fileName(header.strip()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Résumé.pdf",
            "Überblick – 20 €.txt"})
    void rawUtf8BytesReadAsLatin1AreDecodedBack(String name) {
        String asReceived = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertEquals(name, ContentDisposition.fileName("attachment; filename=\"" + asReceived + "\""));
    }
}
