package io.github.camelzoho.attachments.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time this JVM spent: in total (GC and JIT included), on the test server's threads, and on every other Java thread (the
 * client side: the caller, the component's or the JDK HttpClient's threads). Unlike wall time it does not count the time other
 * processes on a shared machine take from us, so per-call CPU stays comparable when the machine is busy.
 */
final class CpuMeter {

    /** CPU nanoseconds so far: the whole process, the test server's threads, the other Java threads. */
    record Reading(long process, long server, long client) {
    }

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    Reading read() {
        long server = 0;
        long client = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0 && isServer(info.getThreadName())) {
                server += cpu;
            } else if (cpu > 0) {
                client += cpu;
            }
        }
        return new Reading(os.getProcessCpuTime(), server, client);
    }

    static boolean isServer(String thread) {
        return thread.startsWith("zoho-test-server-") || thread.equals("HTTP-Dispatcher");
    }
}
