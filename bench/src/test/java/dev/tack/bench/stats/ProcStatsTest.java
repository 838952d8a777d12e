package dev.tack.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatsTest {
    @Test
    void readsVmRssInKib() {
        String status = "Name:\tcondure\nVmPeak:\t 1000 kB\nVmRSS:\t   48768 kB\nThreads:\t4\n";
        assertEquals(48768, ProcStats.vmRssKb(status));
    }

    @Test
    void kernelThreadsHaveNoRss() {
        assertEquals(0, ProcStats.vmRssKb("Name:\tkthreadd\nThreads:\t1\n"));
    }

    @Test
    void cpuTicksAreCountedAfterTheCommandName() {
        String stat = "4242 (odd) name) S 1 4242 4242 0 -1 4194560 500 0 0 0 120 35 0 0 20 0 4 0 100 0 0";
        assertEquals(155, ProcStats.cpuTicks(stat));
    }

    @Test
    void loadAverageIsTheFirstField() {
        assertEquals(1.25, ProcStats.loadAverage("1.25 0.80 0.40 2/180 999\n"));
    }

    @Test
    void samplesThisProcess() {
        long pid = ProcessHandle.current().pid();
        ProcStats.Sample s = ProcStats.sample(List.of(pid));
        assertTrue(s.rssKb() > 0);
        assertTrue(s.cpuSeconds() >= 0);
        assertEquals(s.rssKb(), s.process(pid).rssKb());
        assertEquals("java", s.process(pid).name());
    }

    @Test
    void endedProcessesAreListedNotCounted() {
        ProcStats.Sample s = ProcStats.sample(List.of(999_999_999L));
        assertEquals(0, s.rssKb());
        assertEquals(List.of(999_999_999L), s.ended());
    }

    @Test
    void missingProcessIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcStats.requireRunning(List.of(999_999_999L)));
        assertEquals("process 999999999: /proc/999999999/status does not exist "
                + "(expected: the PID of a running proxy process, see --proxy-pid)", e.getMessage());
    }
}
