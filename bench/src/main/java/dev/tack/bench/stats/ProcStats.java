package dev.tack.bench.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resident memory and CPU time of a set of processes (a proxy may be several: Pushpin runs condure,
 * pushpin-proxy, pushpin-handler and zurl), read from {@code /proc/<pid>/status} ({@code VmRSS}) and
 * {@code /proc/<pid>/stat} (utime + stime). Kernel socket memory is not part of RSS.
 */
public final class ProcStats {
    /** Linux reports CPU times in USER_HZ, which is 100 on every mainstream architecture. */
    static final long TICKS_PER_SECOND = 100;

    /** One process at one moment: its name ({@code /proc/<pid>/comm}), RSS in KiB and CPU seconds so far. */
    public record Process(long pid, String name, long rssKb, double cpuSeconds) {
    }

    /**
     * Some processes at one moment: their summed RSS in KiB and CPU time in seconds, each process, and the
     * PIDs that no longer existed (not counted).
     */
    public record Sample(long rssKb, double cpuSeconds, List<Process> processes, List<Long> ended) {
        public Sample {
            processes = List.copyOf(processes);
            ended = List.copyOf(ended);
        }

        /** This sample's entry for {@code pid}, or {@code null}. */
        public Process process(long pid) {
            for (Process p : processes) {
                if (p.pid() == pid) {
                    return p;
                }
            }
            return null;
        }
    }

    private ProcStats() {
    }

    /** Reads {@code pids} now; a process that has ended is listed in {@link Sample#ended()}. */
    public static Sample sample(List<Long> pids) {
        long rss = 0;
        long ticks = 0;
        List<Process> processes = new ArrayList<>();
        List<Long> ended = new ArrayList<>();
        for (long pid : pids) {
            try {
                long processRss = vmRssKb(read(pid, "status"));
                long processTicks = cpuTicks(read(pid, "stat"));
                processes.add(new Process(pid, read(pid, "comm").trim(), processRss,
                        processTicks / (double) TICKS_PER_SECOND));
                rss += processRss;
                ticks += processTicks;
            } catch (IllegalArgumentException e) {
                ended.add(pid);
            }
        }
        return new Sample(rss, ticks / (double) TICKS_PER_SECOND, processes, ended);
    }

    /**
     * Checks that every one of {@code pids} is a running process.
     *
     * @throws IllegalArgumentException naming the first PID that is not
     */
    public static void requireRunning(List<Long> pids) {
        for (long pid : pids) {
            read(pid, "status");
        }
    }

    /** The {@code VmRSS} value in KiB from the text of {@code /proc/<pid>/status}; 0 for a kernel thread. */
    static long vmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    /**
     * utime + stime in clock ticks from the text of {@code /proc/<pid>/stat}. Fields are counted after the
     * last {@code )}, because the command name in parentheses may itself contain spaces and parentheses.
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("/proc stat line: '" + stat + "' (expected: pid (comm) state ...)");
        }
        String[] fields = stat.substring(close + 2).trim().split(" ");
        // After "(comm) ": state=field 3, ..., utime=field 14, stime=field 15 (man 5 proc).
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The 1-minute load average from {@code /proc/loadavg}, or -1 when it cannot be read. */
    public static double loadAverage() {
        try {
            return loadAverage(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The first field of the text of {@code /proc/loadavg}, e.g. 1.25 for {@code "1.25 0.80 0.40 2/180 999"}. */
    static double loadAverage(String loadavg) {
        return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
    }

    private static String read(long pid, String file) {
        Path path = Path.of("/proc", Long.toString(pid), file);
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("process " + pid + ": " + path
                    + " does not exist (expected: the PID of a running proxy process, see --proxy-pid)");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
