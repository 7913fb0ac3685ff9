package io.github.camelzoho.attachments.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Records a stretch of a benchmark with JDK Flight Recorder (the JDK's {@code profile} settings: CPU samples every 10 ms,
 * allocation samples) into {@code <out>/<name>.jfr}, and writes what {@link JfrSummary} makes of it beside it. Off unless
 * {@code profile=true}: profiling perturbs the figures, so it runs after the measurement, never during it.
 */
final class Profiler {

    /** A stretch of work to record. */
    @FunctionalInterface
    interface Work {

        void run() throws Exception;
    }

    private final boolean enabled;
    private final Path dir;

    Profiler(boolean enabled, Path dir) {
        this.enabled = enabled;
        this.dir = dir;
    }

    boolean enabled() {
        return enabled;
    }

    void record(String name, Work work) throws Exception {
        Files.createDirectories(dir);
        Path jfr = dir.resolve(name + ".jfr");
        try (Recording recording = new Recording(profileSettings())) {
            recording.setName(name);
            recording.start();
            work.run();
            recording.stop();
            recording.dump(jfr);
        }
        Path summary = dir.resolve(name + "-profile.txt");
        try (PrintStream out = new PrintStream(Files.newOutputStream(summary), true, StandardCharsets.UTF_8)) {
            JfrSummary.summarize(jfr, out, 25);
        }
        System.out.println("  profile of " + name + ": " + jfr + " (summary " + summary + ")");
    }

    private static Configuration profileSettings() throws IOException {
        try {
            return Configuration.getConfiguration("profile");
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR 'profile' settings cannot be read", e);
        }
    }
}
