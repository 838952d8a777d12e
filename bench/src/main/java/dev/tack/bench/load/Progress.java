package dev.tack.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows progress on a daemon thread until closed: either one status line every interval (for logs and
 * pipes), or, on a terminal, a bar for the current phase redrawn in place five times a second; when the
 * phase changes the finished bar stays on its line and a new one starts below it.
 *
 * <pre>
 * [   12.4s] connect [==============&gt;               ]  48%   4812/10000 | failed 0 pending 37
 * </pre>
 */
final class Progress implements AutoCloseable {
    /** What to show now: the phase, how far it is ({@code total} 0 when unknown), a short detail, a full line. */
    record Status(String phase, long done, long total, String detail, String line) {
    }

    private static final int BAR_WIDTH = 30;
    private static final long BAR_REDRAW_MS = 200;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });
    private final long startNanos = System.nanoTime();
    private final PrintStream out;
    private final boolean bar;
    private final Supplier<Status> status;
    private String drawnPhase;

    Progress(Duration interval, boolean bar, PrintStream out, Supplier<Status> status) {
        this.out = out;
        this.bar = bar;
        this.status = status;
        if (!interval.isZero()) {
            long ms = bar ? BAR_REDRAW_MS : interval.toMillis();
            timer.scheduleAtFixedRate(this::show, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Seconds since this progress started. */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private synchronized void show() {
        Status s = status.get();
        if (!bar) {
            out.printf(Locale.ROOT, "[%7.1fs] %s%n", seconds(), s.line());
            return;
        }
        if (drawnPhase != null && !drawnPhase.equals(s.phase())) {
            out.print('\n');
        }
        drawnPhase = s.phase();
        out.print('\r' + barLine(seconds(), s) + "\033[K");
        out.flush();
    }

    /** One bar line (without the carriage return and the erase-to-end-of-line that surround it). */
    static String barLine(double seconds, Status s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%7.1fs] %-7s ", seconds, s.phase()));
        if (s.total() > 0) {
            double f = Math.max(0, Math.min(1, s.done() / (double) s.total()));
            int full = (int) Math.floor(f * BAR_WIDTH);
            sb.append('[');
            for (int i = 0; i < BAR_WIDTH; i++) {
                sb.append(i < full ? '=' : i == full ? '>' : ' ');
            }
            sb.append(String.format(Locale.ROOT, "] %3.0f%% %8d/%d", f * 100, s.done(), s.total()));
        }
        if (!s.detail().isEmpty()) {
            sb.append(" | ").append(s.detail());
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (bar && drawnPhase != null) {
            out.print('\n');
            out.flush();
        }
    }
}
