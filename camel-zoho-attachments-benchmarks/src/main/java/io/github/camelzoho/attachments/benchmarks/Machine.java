package io.github.camelzoho.attachments.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** What the figures were measured on; they mean little without it. */
record Machine(int cores, String cpu, String java, String os, long memoryMb, String jvmArguments, String date) {

    static Machine describe() {
        String cpu = "unknown";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU stays unknown
        }
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize() / (1024 * 1024);
        }
        String java = System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vm.vendor") + ")";
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, java,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                memory, String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    String text() {
        return "Machine: " + cores + " cores, " + cpu + ", " + memoryMb + " MB RAM, " + os + "\nJava: " + java
                + "\nHarness JVM: " + jvmArguments + "\nDate: " + date;
    }

    String markdown() {
        return "Machine: " + cores + " cores (" + cpu + "), " + memoryMb + " MB RAM, " + os + "; " + java
                + "; harness JVM `" + jvmArguments + "`; " + date + ".\n";
    }
}
