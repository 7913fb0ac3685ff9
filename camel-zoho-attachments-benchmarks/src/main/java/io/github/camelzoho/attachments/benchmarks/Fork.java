package io.github.camelzoho.attachments.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a benchmark's client side in a JVM of its own with a small heap and {@code -XX:+ExitOnOutOfMemoryError}, so that an
 * OutOfMemoryError anywhere ends it with exit code 3 instead of being swallowed by a thread. The child prints one line
 * {@code RESULT key=value ...}; everything else it prints is passed through.
 */
final class Fork {

    static final String RESULT = "RESULT ";

    /** The child's exit code and its RESULT line (empty when it printed none). */
    record Outcome(int exit, Map<String, String> result) {

        double number(String key) {
            return Double.parseDouble(result.get(key));
        }
    }

    private Fork() {
    }

    static Outcome run(Class<?> main, String maxHeap, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(args);
        Process fork = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> result = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(fork.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    for (String pair : line.substring(RESULT.length()).trim().split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                } else {
                    System.out.println("  [fork] " + line);
                }
            }
        }
        if (!fork.waitFor(10, TimeUnit.MINUTES)) {
            fork.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " did not finish within 10 minutes");
        }
        return new Outcome(fork.exitValue(), result);
    }
}
