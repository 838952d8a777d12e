package dev.tack.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a status line every interval on a daemon thread until closed. */
final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });
    private final long startNanos = System.nanoTime();

    Progress(Duration interval, PrintStream out, Supplier<String> line) {
        if (!interval.isZero()) {
            long ms = interval.toMillis();
            timer.scheduleAtFixedRate(() -> out.printf("[%7.1fs] %s%n", seconds(), line.get()), ms, ms,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Seconds since this progress started. */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
