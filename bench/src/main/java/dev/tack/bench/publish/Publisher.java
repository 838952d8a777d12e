package dev.tack.bench.publish;

import dev.tack.bench.client.IoKind;
import dev.tack.bench.message.MicroClock;
import dev.tack.bench.message.Payload;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Sends the measured messages (and the probe rounds before them) on its own event loop. Message {@code seq}
 * goes to channel {@code seq % channels}.
 *
 * <p>At a fixed rate it is open-loop: message {@code seq} is due at {@code start + seq / rate} and carries
 * that due time even when the publish API makes it wait, so the API's slowness counts in the latency
 * (the "coordinated omission" correction). Flat out, each message carries the moment its request is
 * written.
 */
public final class Publisher implements AutoCloseable {
    private final PublishConfig config;
    private final MicroClock clock;
    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop loop;
    private final HttpPublishClient client;
    private volatile long attempted;
    private volatile long accepted;
    private volatile long expected;
    private volatile long publishStartMicros = -1;

    public Publisher(PublishConfig config, MicroClock clock, IoKind io) {
        this.config = config;
        this.clock = clock;
        IoKind resolved = io.resolve();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-pub"),
                resolved.handlerFactory());
        this.loop = group.next();
        this.client = new HttpPublishClient(loop, resolved.socketChannel(), config);
    }

    /**
     * Publishes one probe to each of {@code channels}, as many per request as the publish API allows.
     *
     * @return the number of items the API accepted
     */
    public CompletableFuture<Long> probe(List<String> channels, long round) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        List<List<String>> batches = config.api().batches(channels);
        if (batches.isEmpty()) {
            done.complete(0L);
            return done;
        }
        long[] tally = new long[2];
        loop.execute(() -> {
            for (List<String> part : batches) {
                client.submit(new HttpPublishClient.Job() {
                    @Override
                    public PublishApi.Request request() {
                        return config.api().request(config.target(), part,
                                new Payload(Payload.Kind.PROBE, round, clock.nowMicros()).text(config.payloadBytes()),
                                null);
                    }

                    @Override
                    public void completed(int status, String responseText) {
                        tally[0] += status / 100 == 2 ? part.size() : 0;
                        next();
                    }

                    @Override
                    public void failed(String reason) {
                        next();
                    }

                    private void next() {
                        if (++tally[1] == batches.size()) {
                            done.complete(tally[0]);
                        }
                    }
                });
            }
        });
        return done;
    }

    /**
     * Publishes the measured messages: {@code messages} at {@code rate}, or flat out for the configured
     * duration.
     *
     * @param channelName         the name of channel {@code k}
     * @param subscribersPerChannel how many subscribers each channel has, to count expected deliveries
     */
    public CompletableFuture<PublishResult> run(IntFunction<String> channelName, int[] subscribersPerChannel) {
        Run run = new Run(channelName, subscribersPerChannel);
        loop.execute(run::start);
        return run.done;
    }

    /** Messages sent so far; readable from any thread. */
    public long attempted() {
        return attempted;
    }

    /** Messages accepted so far; readable from any thread. */
    public long accepted() {
        return accepted;
    }

    /** Milliseconds since the measured publishing began, 0 before; readable from any thread. */
    public long publishingMillis() {
        long start = publishStartMicros;
        return start < 0 ? 0 : (clock.nowMicros() - start) / 1000;
    }

    /** Deliveries the accepted messages should cause; readable from any thread. */
    public long expected() {
        return expected;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** One publishing run; all of its state lives on the publisher's loop. */
    private final class Run {
        final CompletableFuture<PublishResult> done = new CompletableFuture<>();
        final IntFunction<String> channelName;
        final int[] subscribers;
        final boolean flatOut = config.flatOut() != null;
        final Histogram apiLatency = new Histogram(3);
        final Map<String, Long> reasons = new TreeMap<>();
        long[] sent = new long[Math.max(16, flatOut ? 1024 : config.messages())];
        long start;
        long deadline;
        long next;
        long inFlight;
        long rejected;
        long errors;

        Run(IntFunction<String> channelName, int[] subscribers) {
            this.channelName = channelName;
            this.subscribers = subscribers;
            Arrays.fill(sent, -1);
        }

        void start() {
            start = clock.nowMicros();
            publishStartMicros = start;
            if (flatOut) {
                deadline = start + config.flatOut().toNanos() / 1000;
                for (int i = 0; i < config.concurrency(); i++) {
                    issue(-1);
                }
                finishIfDone();
            } else {
                tick();
            }
        }

        /** Rate mode: issues every message that is due, then sleeps until the next one is. */
        void tick() {
            long now = clock.nowMicros();
            while (next < config.messages() && dueAt(next) <= now) {
                issue(dueAt(next));
            }
            if (next < config.messages()) {
                loop.schedule(this::tick, dueAt(next) - clock.nowMicros(), TimeUnit.MICROSECONDS);
            } else {
                finishIfDone();
            }
        }

        long dueAt(long seq) {
            return start + (long) (seq * 1_000_000.0 / config.rate());
        }

        /** Sends message {@code next}; {@code dueMicros < 0} stamps it when its request is written. */
        void issue(long dueMicros) {
            long seq = next++;
            int channel = (int) (seq % subscribers.length);
            inFlight++;
            attempted = next;
            long[] stamp = {dueMicros, 0};
            client.submit(new HttpPublishClient.Job() {
                @Override
                public PublishApi.Request request() {
                    stamp[1] = clock.nowMicros();
                    if (stamp[0] < 0) {
                        stamp[0] = stamp[1];
                    }
                    return config.api().request(config.target(), List.of(channelName.apply(channel)),
                            new Payload(Payload.Kind.MESSAGE, seq, stamp[0]).text(config.payloadBytes()),
                            config.eventIds() ? Long.toString(seq) : null);
                }

                @Override
                public void completed(int status, String responseText) {
                    apiLatency.recordValue(Math.max(0, clock.nowMicros() - stamp[1]));
                    if (status / 100 == 2) {
                        record(seq, stamp[0]);
                        accepted++;
                        expected += subscribers[channel];
                    } else {
                        rejected++;
                        reasons.merge("status " + status + ": " + responseText, 1L, Long::sum);
                    }
                    answered();
                }

                @Override
                public void failed(String reason) {
                    errors++;
                    reasons.merge(reason, 1L, Long::sum);
                    answered();
                }
            });
        }

        void record(long seq, long stampMicros) {
            if (seq >= sent.length) {
                int old = sent.length;
                sent = Arrays.copyOf(sent, (int) Math.max(seq + 1, old * 2L));
                Arrays.fill(sent, old, sent.length, -1);
            }
            sent[(int) seq] = stampMicros;
        }

        void answered() {
            inFlight--;
            if (flatOut && clock.nowMicros() < deadline) {
                issue(-1);
            }
            finishIfDone();
        }

        void finishIfDone() {
            boolean allIssued = flatOut ? clock.nowMicros() >= deadline : next >= config.messages();
            if (allIssued && inFlight == 0 && !done.isDone()) {
                long[] stamps = new long[(int) next];
                Arrays.fill(stamps, -1);
                System.arraycopy(sent, 0, stamps, 0, (int) Math.min(next, sent.length));
                done.complete(new PublishResult(next, accepted, rejected, errors, reasons, start,
                        clock.nowMicros(), apiLatency, stamps, expected));
            }
        }
    }
}
