package io.github.camelzoho.examples;

import java.nio.file.Path;
import java.util.List;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import io.github.camelzoho.examples.ExamplesMain.Example;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code mvn -Prun-examples package} runs: the offline server seeded as the README shows, each example stopping on its
 * own, and a broken example failing the run instead of passing unnoticed.
 */
class ExamplesMainTest {

    private final ZohoTestServer zoho = ExamplesMain.startOfflineServer();
    private final LogCapture list = LogCapture.of("list-attachments");
    private final LogCapture sizes = LogCapture.of("attachment-sizes");

    @AfterEach
    void close() {
        list.close();
        sizes.close();
        zoho.close();
    }

    @Test
    void examplesRunOfflineAndEachStopsOnItsOwn() {
        ExamplesMain.run(List.of(Example.list, Example.sizes), zoho);

        assertTrue(list.messages().contains("Leads record 4876876000000376008 has 5 attachment(s)"),
                list.messages().toString());
        assertTrue(list.messages().stream().anyMatch(m -> m.startsWith("  Webinar-recording.mp4 - 12000000 bytes")));
        assertEquals(1, sizes.messages().size(), sizes.messages().toString());
        assertTrue(sizes.messages().get(0).contains("record 4876876000000376008: 5 attachment(s), 12,000,146 bytes"),
                sizes.messages().get(0));
    }

    @Test
    void anExampleWhoseExchangesFailFailsTheRun() {
        // Every listing is refused: the example cannot do its work.
        zoho.fail("GET", ".+/Attachments").times(100).withZohoError(403, "NO_PERMISSION", "permission denied");

        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> ExamplesMain.run(List.of(Example.sizes), zoho));

        assertTrue(failed.getMessage().startsWith("Examples failed: sizes: "), failed.getMessage());
    }

    /**
     * {@code mvn -Prun-examples package} runs in the directory Maven was started from, usually the repository's root: the
     * archive still goes into this module's target/, named relative to where the user is.
     */
    @Test
    void theArchiveGoesIntoThisModulesTargetWhereverMavenWasStarted() {
        Path moduleTarget = ExamplesMain.moduleTargetDirectory();
        assertEquals(Path.of("target").toAbsolutePath(), moduleTarget, "Surefire runs in the module's directory");
        Path module = moduleTarget.getParent();

        assertEquals("camel-zoho-attachments-examples/target/zoho-archive",
                ExamplesMain.archiveDirectory(moduleTarget, module.getParent()));
        assertEquals("target/zoho-archive", ExamplesMain.archiveDirectory(moduleTarget, module));
        assertEquals(moduleTarget.resolve("zoho-archive").toString(),
                ExamplesMain.archiveDirectory(moduleTarget, Path.of("/somewhere/else")));
    }

    @Test
    void anUnknownExampleIsNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ExamplesMain.chosen(new String[]{"archive-everything"}));

        assertEquals("Unknown example 'archive-everything': choose among [list, sizes, housekeeping, archive]",
                unknown.getMessage());
    }
}
