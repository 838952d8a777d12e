package dev.tack.proxy.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Publishes items 1..{@code count} to a Tack at a steady pace (one every {@code period}, from a thread of its own),
 * each body built by {@code body}, each publish answered before the next: the load of a resume test. A publish that
 * is not answered 200 stops it and shows in {@link #failure()}.
 */
public final class PacedPublisher implements AutoCloseable {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paced-publisher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger published = new AtomicInteger();
    private volatile String failure;

    /** @param body the publish request body of item {@code n} (1-based) */
    public PacedPublisher(TackFixture tack, int count, Duration period, IntFunction<String> body) {
        thread.scheduleAtFixedRate(() -> {
            int n = published.get() + 1;
            if (n > count || failure != null) {
                return;
            }
            try {
                HttpResponse<String> answer = tack.publish(body.apply(n));
                if (answer.statusCode() != 200) {
                    failure = "publish " + n + " answered " + answer.statusCode() + ": " + answer.body();
                    return;
                }
                published.set(n);
            } catch (Exception e) {
                failure = "publish " + n + " failed: " + e;
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many items were published (and answered) so far. */
    public int published() {
        return published.get();
    }

    /** Why publishing stopped early, or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
