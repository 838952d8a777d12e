package dev.tack.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time this JVM and some of its threads spent between {@link #start} and now: how much of the box the
 * load tool itself took, and how busy each subscriber event loop was (near 1.0 means that loop was the
 * bottleneck).
 */
final class CpuWatch {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Long> threadIds;
    private final long startNanos;
    private final long startProcessCpu;
    private final long[] startThreadCpu;

    private CpuWatch(List<Long> threadIds) {
        this.threadIds = List.copyOf(threadIds);
        this.startNanos = System.nanoTime();
        this.startProcessCpu = os.getProcessCpuTime();
        this.startThreadCpu = new long[threadIds.size()];
        for (int i = 0; i < threadIds.size(); i++) {
            startThreadCpu[i] = threads.getThreadCpuTime(threadIds.get(i));
        }
    }

    /** Starts watching the process and the threads {@code threadIds}. */
    static CpuWatch start(List<Long> threadIds) {
        return new CpuWatch(threadIds);
    }

    /** Wall seconds since start. */
    double wallSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Process CPU seconds since start. */
    double processCpuSeconds() {
        return (os.getProcessCpuTime() - startProcessCpu) / 1e9;
    }

    /** For each watched thread, CPU time over wall time since start, rounded to 3 places. */
    List<Double> threadBusy() {
        long wall = System.nanoTime() - startNanos;
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < threadIds.size(); i++) {
            long cpu = threads.getThreadCpuTime(threadIds.get(i)) - startThreadCpu[i];
            out.add(Math.round(1000.0 * cpu / Math.max(1, wall)) / 1000.0);
        }
        return out;
    }
}
