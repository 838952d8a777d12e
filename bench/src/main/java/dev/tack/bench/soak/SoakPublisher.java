package dev.tack.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Publishes numbered messages ({@code #<n>;} then padding) to one channel through Tack's HTTP publish API, in the
 * {@code http-stream} format the soak's subscribers hold. Either at a steady rate, or flat out: as fast as the
 * slowest healthy subscriber takes them, with a window of messages in flight, so the figure says how fast Tack
 * delivers rather than how fast it can queue.
 */
final class SoakPublisher {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String channel;
    private final String padding;
    private long next;
    private long refused;

    SoakPublisher(int publishPort, String channel, int size) {
        this.uri = URI.create("http://127.0.0.1:" + publishPort + "/publish/");
        this.channel = channel;
        this.padding = "x".repeat(Math.max(0, size - 16));
    }

    /** Messages accepted so far (numbered 0 to this minus one). */
    long published() {
        return next;
    }

    /** Publish requests refused (anything but 200); each is retried. */
    long refused() {
        return refused;
    }

    /**
     * Publishes the next message; retries (for a minute at most) while Tack refuses it or cannot take the
     * connection, as during a descriptor flood.
     */
    void publishOne() throws IOException, InterruptedException {
        String body = "{\"items\":[{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"content\":\"#"
                + next + ";" + padding + "\\n\"}}}]}";
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    next++;
                    return;
                }
            } catch (IOException notTaken) {
                if (System.nanoTime() > giveUp) {
                    throw notTaken;
                }
            }
            refused++;
            Thread.sleep(20);
        }
    }

    /** Publishes at {@code perSecond} until {@code stop} says so. */
    void steady(int perSecond, java.util.function.BooleanSupplier stop) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (!stop.getAsBoolean()) {
            long due = start + next * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            publishOne();
        }
    }

    /**
     * Publishes as fast as the slowest healthy subscriber takes the messages, at most {@code window} ahead of it,
     * for {@code duration}.
     */
    void flatOut(Duration duration, int window, LongSupplier slowestReceived) throws IOException,
            InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            if (next - slowestReceived.getAsLong() >= window) {
                Thread.sleep(1);
                continue;
            }
            publishOne();
        }
    }

    /** Waits (at most {@code max}) until {@code received} reports every published message. */
    void awaitDelivered(LongSupplier slowestReceived, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (slowestReceived.getAsLong() < next && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }
}
