package io.github.camelzoho.attachments.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The second process of ZohoFileTokenStoreTest: saves {@code count} tokens under keys {@code <prefix>-<i>} in the file, once
 * told to start. Arguments: file, prefix, count. Prints {@code ready} when started, reads one line, then writes.
 */
public final class TokenFileWriter {

    private TokenFileWriter() {
    }

    public static void main(String[] args) throws Exception {
        ZohoFileTokenStore store = new ZohoFileTokenStore(Path.of(args[0]));
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        writeTokens(store, prefix, count);
        System.out.println("done");
    }

    static void writeTokens(ZohoTokenStore store, String prefix, int count) throws Exception {
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS);
        for (int i = 0; i < count; i++) {
            store.save(prefix + "-" + i, new ZohoTokenStore.StoredToken("1000." + prefix + "-token-" + i, expiry, null));
        }
    }
}
