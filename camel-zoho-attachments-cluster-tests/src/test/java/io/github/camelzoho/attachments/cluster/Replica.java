package io.github.camelzoho.attachments.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A replica running in its own JVM ({@link ReplicaMain}), and what it wrote down. */
final class Replica {

    final String name;
    private final Path deliveries;
    private final Path events;
    private final Path output;
    private final Process process;
    private volatile boolean ended;

    private Replica(String name, Path deliveries, Path events, Path output, Process process) {
        this.name = name;
        this.deliveries = deliveries;
        this.events = events;
        this.output = output;
        this.process = process;
    }

    /** Starts {@link ReplicaMain} with the test JVM's class path and these {@code replica.*} properties. */
    static Replica start(String name, Path dir, Map<String, String> settings) throws IOException {
        Path deliveries = dir.resolve(name + "-deliveries.txt");
        Path events = dir.resolve(name + "-events.txt");
        Path output = dir.resolve(name + "-output.log");
        Files.deleteIfExists(deliveries);
        Files.deleteIfExists(events);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small, quickly started JVM: the machine running the build may have only two cores.
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.add("-Dreplica.name=" + name);
        command.add("-Dreplica.deliveries=" + deliveries);
        command.add("-Dreplica.events=" + events);
        settings.forEach((key, value) -> command.add("-Dreplica." + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReplicaMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new Replica(name, deliveries, events, output, process);
    }

    /** Every attachment id its route received, in order, duplicates included. */
    List<String> deliveries() {
        return lines(deliveries);
    }

    /** Its events: start, stop, failed and recovered polls, health check changes. */
    List<String> events() {
        return lines(events);
    }

    boolean hasEvent(String text) {
        return events().stream().anyMatch(e -> e.contains(text));
    }

    /** The JVM's own output (logs), for failure messages. */
    String output() {
        return lines(output).stream().reduce("", (a, b) -> a + b + "\n");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True when the process ended without the test ending it: it crashed. */
    boolean crashed() {
        return !ended && !process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, in-flight exchanges die with the process. */
    void kill() throws InterruptedException {
        ended = true;
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    /** SIGTERM: Camel stops gracefully, completing the exchange in flight. */
    void stop() throws InterruptedException {
        ended = true;
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM:\n" + output());
        }
    }

    /** Ends the process if the test has not: SIGKILL. */
    void killIfRunning() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
