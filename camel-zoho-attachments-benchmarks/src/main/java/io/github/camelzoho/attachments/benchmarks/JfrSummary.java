package io.github.camelzoho.attachments.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Condenses a JFR recording into what the hot-path work needs: CPU samples and sampled allocation by thread group, by top frame
 * (self), and inclusively by method of the component, Camel, Jackson and HttpClient. The test server runs in the same JVM, so
 * its threads are counted apart and left out of the per-method tables. Run on its own with
 * {@code java -cp ... io.github.camelzoho.attachments.benchmarks.JfrSummary FILE.jfr [TOP]}.
 */
public final class JfrSummary {

    private static final List<String> INTERESTING = List.of("io.github.camelzoho.attachments.", "org.apache.camel.",
            "com.fasterxml.jackson.", "org.apache.hc.", "java.net.http.", "jdk.internal.net.http.", "java.time.");

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary FILE.jfr [TOP]");
            System.exit(2);
        }
        summarize(Path.of(args[0]), System.out, args.length > 1 ? Integer.parseInt(args[1]) : 25);
    }

    static void summarize(Path jfr, PrintStream out, int top) throws IOException {
        Tally cpuByGroup = new Tally();
        Tally cpuSelf = new Tally();
        Tally cpuInclusive = new Tally();
        Tally allocByGroup = new Tally();
        Tally allocByClass = new Tally();
        Tally allocSelf = new Tally();
        Tally allocInclusive = new Tally();
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            String type = event.getEventType().getName();
            boolean cpu = type.equals("jdk.ExecutionSample");
            boolean alloc = type.equals("jdk.ObjectAllocationSample");
            if (!cpu && !alloc) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
            if (frames.stream().anyMatch(f -> name(f.getMethod()).startsWith("jdk.jfr."))) {
                continue; // the recorder's own start-up, not the benchmark
            }
            RecordedThread thread = event.getThread(cpu ? "sampledThread" : "eventThread");
            String group = group(thread == null ? null : thread.getJavaName());
            long weight = cpu ? 1 : event.getLong("weight");
            (cpu ? cpuByGroup : allocByGroup).add(group, weight);
            if (group.equals("test server")) {
                continue;
            }
            if (alloc) {
                allocByClass.add(event.getClass("objectClass").getName(), weight);
            }
            if (!frames.isEmpty()) {
                (cpu ? cpuSelf : allocSelf).add(name(frames.get(0).getMethod()), weight);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame.getMethod());
                if (interesting(method) && seen.add(method)) {
                    (cpu ? cpuInclusive : allocInclusive).add(method, weight);
                }
            }
        }
        out.println("JFR summary of " + jfr);
        cpuByGroup.print(out, "CPU samples by thread group", top, "samples", cpuByGroup.total);
        cpuSelf.print(out, "CPU samples by top frame (self), test server excluded", top, "samples", cpuSelf.total);
        cpuInclusive.print(out, "CPU samples by method (inclusive), test server excluded", top, "samples", cpuSelf.total);
        allocByGroup.print(out, "Sampled allocation by thread group", top, "bytes", allocByGroup.total);
        allocByClass.print(out, "Sampled allocation by class, test server excluded", top, "bytes", allocByClass.total);
        allocSelf.print(out, "Sampled allocation by top frame (self), test server excluded", top, "bytes", allocSelf.total);
        allocInclusive.print(out, "Sampled allocation by method (inclusive), test server excluded", top, "bytes",
                allocSelf.total);
    }

    private static String group(String thread) {
        if (thread == null) {
            return "unknown";
        }
        if (thread.startsWith("zoho-test-server-") || thread.equals("HTTP-Dispatcher")) {
            return "test server";
        }
        if (thread.startsWith("HttpClient-")) {
            return "JDK HttpClient";
        }
        if (thread.contains("ZohoAttachmentsLister")) {
            return "consumer listers";
        }
        if (thread.startsWith("Camel")) {
            return "Camel";
        }
        return thread.equals("main") ? "caller (main)" : "other";
    }

    private static String name(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private static boolean interesting(String method) {
        return INTERESTING.stream().anyMatch(method::startsWith)
                && !method.startsWith("io.github.camelzoho.attachments.benchmarks.")
                && !method.startsWith("io.github.camelzoho.attachments.testserver.");
    }

    /** Sums per key. */
    private static final class Tally {

        private final Map<String, Long> sums = new HashMap<>();
        private long total;

        void add(String key, long weight) {
            sums.merge(key, weight, Long::sum);
            total += weight;
        }

        /** Percentages are of {@code whole}: for inclusive tables, of all samples, since one sample counts for many methods. */
        void print(PrintStream out, String title, int top, String unit, long whole) {
            out.printf("%n%s (total %,d %s)%n", title, whole, unit);
            sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> out.printf("  %6.2f%%  %,15d  %s%n", whole == 0 ? 0 : 100.0 * e.getValue() / whole,
                            e.getValue(), e.getKey()));
        }
    }
}
