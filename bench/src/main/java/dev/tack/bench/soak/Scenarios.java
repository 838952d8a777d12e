package dev.tack.bench.soak;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak's scenarios (docs/reliability.md "Figures"), each against a fresh Tack with the built-in {@code test}
 * route (the origin-restart scenario routes to the bench origin instead): malformed input, slowloris, stalled
 * readers, churn, an origin restart and descriptor exhaustion.
 */
final class Scenarios {

    static final List<String> NAMES = List.of("malformed", "slowloris", "stalled", "churn", "origin-restart",
            "descriptors");
    private static final List<String> TEST_ROUTE = List.of("* test");
    private static final String STREAM = "/stream?channel=soak";

    private final SoakSettings settings;

    Scenarios(SoakSettings settings) {
        this.settings = settings;
    }

    SoakResult run(String name) throws Exception {
        return switch (name) {
            case "malformed" -> malformed();
            case "slowloris" -> slowloris();
            case "stalled" -> stalled();
            case "churn" -> churn();
            case "origin-restart" -> originRestart();
            case "descriptors" -> descriptors();
            default -> throw new IllegalArgumentException("scenario " + name + " (expected: one of " + NAMES + ")");
        };
    }

    /** Publishes at {@code perSecond} in the background until the returned handle is stopped. */
    private static Background steady(SoakRun run, int perSecond) {
        Background publishing = new Background();
        publishing.task = CompletableFuture.runAsync(() -> {
            try {
                run.publisher.steady(perSecond, () -> publishing.stop);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("publishing failed: " + e, e);
            }
        });
        return publishing;
    }

    private static final class Background {
        volatile boolean stop;
        CompletableFuture<Void> task;

        void finish() {
            stop = true;
            task.join();
        }
    }

    /** How long until a new subscriber gets its stream and a message published after it. */
    private static long probe(SoakRun run) throws Exception {
        long start = System.nanoTime();
        try (Healthy probe = Healthy.open(run.tack.clientPort, STREAM, 1, 0)) {
            run.publisher.publishOne();
            SoakRun.await(() -> probe.slowestReceived(0) >= 1, Duration.ofSeconds(30));
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private SoakResult malformed() throws Exception {
        int count = settings.scaled(10_000);
        try (SoakRun run = SoakRun.start(settings, "malformed", TEST_ROUTE, "", 0, settings.scaled(1000), 0, STREAM,
                "soak", 200)) {
            Background publishing = steady(run, 50);
            CompletableFuture<Abuse.Answers> publishes = CompletableFuture.supplyAsync(() -> sendAll(run.tack
                    .publishPort, count, Malformed::publish, i -> true));
            Abuse.Answers clients = sendAll(run.tack.clientPort, count, Malformed::client, Malformed::clientHalfCloses);
            Abuse.Answers publishAnswers = publishes.join();
            publishing.finish();
            run.awaitDelivered(Duration.ofSeconds(30));
            long probe = probe(run);
            run.awaitDelivered(Duration.ofSeconds(10));
            return run.result("malformed", count + " bad publishes, " + count + " bad client requests / frames",
                    "none needed: a new subscriber got a message " + probe + " ms after the abuse",
                    "publish answers: " + publishAnswers + "; client answers: " + clients);
        }
    }

    private static Abuse.Answers sendAll(int port, int count, java.util.function.IntFunction<byte[]> request,
            java.util.function.IntPredicate halfClose) {
        try {
            return Abuse.send(port, count, 8, request, halfClose);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private SoakResult slowloris() throws Exception {
        int count = settings.scaled(1000);
        try (SoakRun run = SoakRun.start(settings, "slowloris", TEST_ROUTE, "", 0, settings.scaled(1000), 0, STREAM,
                "soak", 200)) {
            Background publishing = steady(run, 20);
            long start = System.nanoTime();
            long closed = Abuse.slowloris(run.tack.clientPort, count, 1000, 45);
            String allClosed = SoakRun.since(start);
            publishing.finish();
            run.awaitDelivered(Duration.ofSeconds(30));
            return run.result("slowloris", count + " connections sending their head a byte a second",
                    allClosed + " until Tack had closed all of them (client_head_timeout 30 s)",
                    closed + " of " + count + " closed by Tack with 408; " + run.tack.logLines("fails: ")
                            + " accept warnings");
        }
    }

    private SoakResult stalled() throws Exception {
        int stalled = 10;
        try (SoakRun run = SoakRun.start(settings, "stalled", TEST_ROUTE, "", 0, settings.scaled(5000) + stalled,
                stalled, STREAM, "soak", 10_000)) {
            long start = System.nanoTime();
            run.publisher.flatOut(Duration.ofSeconds(30), 20, run::slowest);
            double seconds = (System.nanoTime() - start) / 1e9;
            run.awaitDelivered(Duration.ofSeconds(30));
            long end = System.nanoTime();
            SoakRun.await(() -> run.tack.metric("tack_connection_failures_total{reason=\"too_slow\"") >= stalled
                    && run.tack.metric("tack_outbox_queued_messages") == 0, Duration.ofSeconds(60));
            return run.result("stalled", stalled + " readers stop reading; 10 KB messages flat out for 30 s",
                    SoakRun.since(end) + " after publishing until every stalled reader was disconnected and no "
                            + "outbox held anything",
                    String.format(Locale.ROOT, "%.0f messages/s (%.0f MB/s delivered); stalled readers disconnected "
                            + "by Tack (too_slow): %.0f of %d; outbox_full drops %.0f", run.publisher.published()
                            / seconds, run.publisher.published() * 10_000.0 * (settings.scaled(5000)) / seconds / 1e6,
                            run.tack.metric("tack_connection_failures_total{reason=\"too_slow\""), stalled,
                            run.tack.metric("tack_drops_total{reason=\"outbox_full\"")));
        }
    }

    private SoakResult churn() throws Exception {
        int cycles = settings.scaled(100_000);
        int healthyCount = 100;
        try (SoakRun run = SoakRun.start(settings, "churn", TEST_ROUTE, "", 0, healthyCount, 0, STREAM, "soak",
                200)) {
            Background publishing = steady(run, 10);
            long heapBefore = run.tack.liveHeapBytes();
            long start = System.nanoTime();
            long failed = Abuse.churn(run.tack.clientPort, cycles, 16);
            double seconds = (System.nanoTime() - start) / 1e9;
            long end = System.nanoTime();
            boolean settled = SoakRun.await(() -> run.tack.metric("connection_connected") == healthyCount
                    && run.tack.metric("tack_subscriptions") == healthyCount, Duration.ofSeconds(60));
            String settleTime = SoakRun.since(end);
            publishing.finish();
            run.awaitDelivered(Duration.ofSeconds(30));
            long heapAfter = run.tack.liveHeapBytes();
            SoakResult result = run.result("churn", cycles + " connect/subscribe/disconnect cycles (streams and "
                    + "WebSockets)",
                    settleTime + " after the last cycle until every gauge was back to the healthy subscribers alone",
                    String.format(Locale.ROOT, "%.0f cycles/s, %d failed; gauges back: %s (connections %.0f, "
                            + "subscriptions %.0f); live heap after GC %d MiB before, %d MiB after (%+.1f%%)",
                            cycles / seconds, failed, settled, run.tack.metric("connection_connected"),
                            run.tack.metric("tack_subscriptions"), heapBefore >> 20, heapAfter >> 20,
                            100.0 * (heapAfter - heapBefore) / heapBefore));
            run.healthy.close();
            boolean zero = SoakRun.await(() -> run.tack.metric("connection_connected") == 0
                    && run.tack.metric("tack_subscriptions") == 0 && run.tack.metric("tack_channels") == 0,
                    Duration.ofSeconds(30));
            return result.withNote(String.format(Locale.ROOT, "once the healthy subscribers left too: connections "
                    + "%.0f, subscriptions %.0f, channels %.0f (all zero: %s)", run.tack.metric("connection_connected"),
                    run.tack.metric("tack_subscriptions"), run.tack.metric("tack_channels"), zero));
        }
    }

    private SoakResult originRestart() throws Exception {
        int originPort = TackProcess.freePort();
        Process origin = startOrigin(originPort);
        int count = settings.scaled(5000);
        try (SoakRun run = SoakRun.start(settings, "origin-restart", List.of("* 127.0.0.1:" + originPort
                + ",over_http"), "", 0, count, 0, "/sse/soak", "soak", 200)) {
            Background publishing = steady(run, 20);
            Thread.sleep(3000);
            origin.destroyForcibly().waitFor();
            Thread.sleep(10_000);
            String whileDown = Abuse.exchange(run.tack.clientPort,
                    "GET /sse/soak HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n".getBytes(), false);
            origin = startOrigin(originPort);
            long restarted = System.nanoTime();
            SoakRun.await(() -> Abuse.exchange(run.tack.clientPort, ("GET /stream/x HTTP/1.1\r\nHost: soak\r\n"
                    + "Connection: close\r\n\r\n").getBytes(), false).equals("200"), Duration.ofSeconds(60));
            String recovered = SoakRun.since(restarted);
            Thread.sleep(3000);
            publishing.finish();
            run.awaitDelivered(Duration.ofSeconds(30));
            return run.result("origin-restart", "origin killed for 10 s, then restarted, under " + count
                    + " held SSE connections", recovered + " from the origin's restart until a new request was "
                            + "served again", "a new request while the origin was down got " + whileDown);
        } finally {
            origin.destroyForcibly().waitFor();
        }
    }

    private Process startOrigin(int port) throws IOException, InterruptedException {
        Process origin = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", settings.benchJar().toString(), "dev.tack.bench.BenchMain", "origin", "--port",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return origin;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the bench origin did not start on port " + port);
    }

    private SoakResult descriptors() throws Exception {
        int limit = 1024;
        try (SoakRun run = SoakRun.start(settings, "descriptors", TEST_ROUTE, "", limit, settings.scaled(200), 0,
                STREAM, "soak", 200)) {
            Background publishing = steady(run, 20);
            List<Socket> flood = new ArrayList<>(Abuse.flood(run.tack.clientPort, 3 * limit));
            long peakDescriptors = run.tack.openDescriptors();
            Thread.sleep(15_000);
            long released = System.nanoTime();
            for (Socket socket : flood) {
                socket.close();
            }
            long probe = probe(run);
            String recovered = SoakRun.since(released);
            publishing.finish();
            run.awaitDelivered(Duration.ofSeconds(30));
            return run.result("descriptors", flood.size() + " idle connections against a " + limit
                    + "-descriptor limit, held 15 s", recovered + " from releasing the flood until a new subscriber "
                            + "got a message (" + probe + " ms for the probe itself)",
                    String.format(Locale.ROOT, "peak descriptors %d of %d; accept warnings logged: %d; publishes "
                            + "refused or retried while exhausted: %d", peakDescriptors, limit,
                            run.tack.logLines("fails: "), run.publisher.refused()));
        }
    }
}
