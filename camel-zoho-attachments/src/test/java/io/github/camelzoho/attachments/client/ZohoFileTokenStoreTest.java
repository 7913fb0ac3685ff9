package io.github.camelzoho.attachments.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One token file, several writers: separate processes, separate store instances, and a token another writer just saved. */
class ZohoFileTokenStoreTest {

    private static final int TOKENS = 100;

    private final ZohoTestServer zoho = ZohoTestServer.start();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        zoho.close();
    }

    private static List<String> missing(Path file, String prefix) throws Exception {
        ZohoFileTokenStore reader = new ZohoFileTokenStore(file);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            ZohoTokenStore.StoredToken token = reader.load(prefix + "-" + i);
            if (token == null || !token.accessToken().equals("1000." + prefix + "-token-" + i)) {
                missing.add(prefix + "-" + i);
            }
        }
        return missing;
    }

    @Test
    void twoProcessesWritingOneTokenFileLoseNoToken() throws Exception {
        Path file = dir.resolve("tokens.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TokenFileWriter.class.getName(),
                file.toString(), "child", String.valueOf(TOKENS)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            OutputStream in = other.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            TokenFileWriter.writeTokens(new ZohoFileTokenStore(file), "parent", TOKENS);
            assertEquals("done", out.readLine());
            assertTrue(other.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, other.exitValue());
        } finally {
            other.destroyForcibly();
        }

        List<String> lost = new ArrayList<>(missing(file, "parent"));
        lost.addAll(missing(file, "child"));
        assertEquals(List.of(), lost, lost.size() + " of " + 2 * TOKENS + " saved tokens are missing from the file");
    }

    @Test
    void twoStoreInstancesOnOneFileInOneProcessLoseNoToken() throws Exception {
        Path file = dir.resolve("tokens.json");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> {
                TokenFileWriter.writeTokens(new ZohoFileTokenStore(file), "first", TOKENS);
                return null;
            });
            Future<?> second = pool.submit(() -> {
                TokenFileWriter.writeTokens(new ZohoFileTokenStore(file), "second", TOKENS);
                return null;
            });
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }

        List<String> lost = new ArrayList<>(missing(file, "first"));
        lost.addAll(missing(file, "second"));
        assertEquals(List.of(), lost, lost.size() + " of " + 2 * TOKENS + " saved tokens are missing from the file");
    }

    @Test
    void aRefusedTokenIsRemovedButANewerOneAnotherWriterSavedStays() throws Exception {
        Path file = dir.resolve("tokens.json");
        zoho.registerClient("1000.STORECLIENT", "store-secret", "1000.store-refresh");
        ZohoRefreshTokenProvider provider = new ZohoRefreshTokenProvider(zoho.baseUrl(), "1000.STORECLIENT", "store-secret",
                "1000.store-refresh", ZohoHttpClients.create(ZohoHttpSettings.builder().build()), true,
                new ZohoFileTokenStore(file));
        String ours = provider.getAccessToken();
        String key = ZohoRefreshTokenProvider.credentialsKey(zoho.baseUrl(), "1000.STORECLIENT", "1000.store-refresh");
        ZohoFileTokenStore otherJvm = new ZohoFileTokenStore(file);
        otherJvm.save(key, new ZohoTokenStore.StoredToken("1000.newer-from-another-jvm",
                Instant.now().plus(Duration.ofMinutes(59)), zoho.baseUrl()));

        provider.invalidate(ours, true); // Zoho refused our (older) token

        ZohoTokenStore.StoredToken kept = otherJvm.load(key);
        assertNotNull(kept, "the newer token another writer saved was removed with ours");
        assertEquals("1000.newer-from-another-jvm", kept.accessToken());
        assertEquals("1000.newer-from-another-jvm", provider.getAccessToken(), "and it is used instead of minting");
        assertEquals(1, zoho.tokensMinted());
        provider.close();
        assertTrue(Files.exists(file));
    }
}
