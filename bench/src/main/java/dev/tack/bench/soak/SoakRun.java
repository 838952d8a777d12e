package dev.tack.bench.soak;

import dev.tack.bench.stats.ProcStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scenario's fixture: Tack started fresh, the healthy subscribers, a publisher, and a watch on Tack's memory
 * (resident memory every 200 ms, heap every second). {@link #result} gathers the common figures.
 */
final class SoakRun implements AutoCloseable {

    final TackProcess tack;
    final Healthy healthy;
    final SoakPublisher publisher;
    final int stalled;
    private final int subscribers;
    private final double loadAtStart;
    private final AtomicLong peakRssKb = new AtomicLong();
    private final AtomicLong peakHeap = new AtomicLong();
    private final Thread watch;
    private volatile boolean stopped;

    private SoakRun(TackProcess tack, Healthy healthy, SoakPublisher publisher, int subscribers, int stalled,
            double loadAtStart) {
        this.tack = tack;
        this.healthy = healthy;
        this.publisher = publisher;
        this.subscribers = subscribers;
        this.stalled = stalled;
        this.loadAtStart = loadAtStart;
        this.watch = new Thread(this::watchMemory, "soak-memory");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * Starts Tack with {@code routes} and {@code tackKeys}, then {@code subscribers} subscribers on {@code path}
     * ({@code stalled} of them stalled), and a publisher of {@code size}-byte messages on {@code channel}.
     */
    static SoakRun start(SoakSettings settings, String name, List<String> routes, String tackKeys,
            int descriptorLimit, int subscribers, int stalled, String path, String channel, int size)
            throws IOException, InterruptedException {
        double load = ProcStats.loadAverage();
        TackProcess tack = TackProcess.start(settings.jar(), settings.dir().resolve(name), routes, tackKeys,
                descriptorLimit, settings.javaOptions());
        Healthy healthy;
        try {
            healthy = Healthy.open(tack.clientPort, path, subscribers, stalled);
        } catch (RuntimeException | InterruptedException e) {
            tack.close();
            throw e;
        }
        return new SoakRun(tack, healthy, new SoakPublisher(tack.publishPort, channel, size), subscribers, stalled,
                load);
    }

    private void watchMemory() {
        long lastHeap = 0;
        while (!stopped && tack.alive()) {
            peakRssKb.accumulateAndGet(tack.rssKb(), Math::max);
            if (System.nanoTime() - lastHeap > 1_000_000_000L) {
                lastHeap = System.nanoTime();
                try {
                    peakHeap.accumulateAndGet((long) tack.metric("jvm_memory_used_bytes{area=\"heap\""), Math::max);
                } catch (IOException | InterruptedException | NumberFormatException unavailable) {
                    // the metrics port is busy or refusing (a descriptor flood): the next sample counts
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The slowest healthy subscriber's count of messages received. */
    long slowest() {
        return healthy.slowestReceived(stalled);
    }

    /** Waits until the healthy subscribers have every published message, at most {@code max}. */
    void awaitDelivered(Duration max) throws InterruptedException {
        publisher.awaitDelivered(this::slowest, max);
    }

    SoakResult result(String scenario, String abuse, String recovery, String notes) {
        stopped = true;
        String load = String.format(Locale.ROOT, "%.1f → %.1f", loadAtStart, ProcStats.loadAverage());
        return new SoakResult(scenario, abuse, !tack.alive(), healthy.affected(stalled),
                healthy.lost(publisher.published(), stalled), (subscribers - stalled) + " x " + publisher.published(),
                peakRssKb.get() / 1024, peakHeap.get() / (1024 * 1024), recovery, notes, load);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        healthy.close();
        tack.close();
    }

    /** Seconds since {@code startNanos}, as text with one decimal. */
    static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** Waits until {@code condition} holds or {@code max} passes; returns whether it holds. */
    static boolean await(java.util.concurrent.Callable<Boolean> condition, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Where the run's files go. */
    static Path logOf(SoakRun run) {
        return run.tack.log;
    }
}
