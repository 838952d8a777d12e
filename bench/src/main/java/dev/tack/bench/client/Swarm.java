package dev.tack.bench.client;

import dev.tack.bench.message.MicroClock;
import dev.tack.bench.stats.LoopSnapshot;
import dev.tack.bench.stats.LoopStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Opens and holds the subscriber connections. {@link #connectAll()} starts {@code connectRate} connections
 * per second with at most {@code maxPending} waiting for their first response, spreading them over
 * 127.0.0.1..N source addresses (with {@code IP_BIND_ADDRESS_NO_PORT} on epoll, so each address has its own
 * ~28k ephemeral ports per destination). Every loop owns one {@link LoopStats} and runs a {@link LagProbe}.
 */
public final class Swarm implements SubscriberHost, AutoCloseable {
    private final SwarmConfig config;
    private final MicroClock clock;
    private final EventLoopGroup group;
    private final Map<EventExecutor, LoopStats> stats = new IdentityHashMap<>();
    private final Bootstrap bootstrap;
    private final InetSocketAddress remote;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicIntegerArray perChannel;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong stormDropped = new AtomicLong();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> allAttempted = new CompletableFuture<>();
    private final List<ScheduledFuture<?>> lagProbes = new ArrayList<>();
    private volatile boolean closing;
    private int started;

    public Swarm(SwarmConfig config, MicroClock clock) {
        this.config = config;
        this.clock = clock;
        IoKind io = config.io().resolve();
        this.group = new MultiThreadIoEventLoopGroup(config.threads(), new DefaultThreadFactory("bench-sub"),
                io.handlerFactory());
        for (EventExecutor loop : group) {
            LoopStats s = new LoopStats();
            stats.put(loop, s);
            lagProbes.add(LagProbe.start(loop, s));
        }
        this.remote = new InetSocketAddress(config.host(), config.port());
        this.perChannel = new AtomicIntegerArray(config.channels());
        this.bootstrap = new Bootstrap().group(group).channel(io.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        if (io == IoKind.EPOLL && config.sourceIps() > 1) {
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        if (config.subscribers() == 0) {
            allAttempted.complete(null);
        }
    }

    /**
     * Starts the ramp. The future completes when every subscriber has either been made or failed.
     */
    public CompletableFuture<Void> connectAll() {
        EventLoop driver = group.next();
        long startNanos = System.nanoTime();
        ScheduledFuture<?>[] tick = new ScheduledFuture<?>[1];
        tick[0] = driver.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            long due = Math.min(config.subscribers(), (long) Math.ceil(elapsed * config.connectRate()));
            while (started < due && pending.get() < config.maxPending() && !closing) {
                pending.incrementAndGet();
                connect(config.spec(started), null);
                started++;
            }
            if (started == config.subscribers() || closing) {
                tick[0].cancel(false);
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        return allAttempted;
    }

    /** Opens a connection for {@code spec}; {@code carry} is the state of its previous connection, or null. */
    private void connect(SubscriberSpec spec, SubscriberState carry) {
        long now = clock.nowMicros();
        Subscriber handler = switch (spec.transport()) {
            case SSE, STREAM -> new StreamSubscriber(spec, this, carry, now);
            case POLL -> new PollSubscriber(spec, this, carry, now);
            case WS -> new WsSubscriber(spec, this, carry, now);
        };
        Bootstrap b = bootstrap.clone().handler(handler);
        ChannelFuture f = config.sourceIps() > 1
                ? b.connect(remote, new InetSocketAddress("127.0.0." + (1 + spec.index() % config.sourceIps()), 0))
                : b.connect(remote);
        Channel ch = f.channel();
        channels.add(ch);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                Throwable c = done.cause();
                if (carry == null) {
                    failed(spec, "connect: " + c.getClass().getSimpleName() + ": " + c.getMessage());
                } else {
                    lost(spec, "reconnect: " + c.getClass().getSimpleName() + ": " + c.getMessage());
                }
            }
        });
    }

    @Override
    public MicroClock clock() {
        return clock;
    }

    @Override
    public LoopStats statsFor(EventLoop loop) {
        LoopStats s = stats.get(loop);
        if (s == null) {
            throw new IllegalStateException("event loop " + loop + " is not one of this swarm's loops");
        }
        return s;
    }

    @Override
    public String hostHeader() {
        return config.host() + ":" + config.port();
    }

    @Override
    public int channels() {
        return config.channels();
    }

    @Override
    public Duration handshakeTimeout() {
        return config.handshakeTimeout();
    }

    @Override
    public void made(SubscriberSpec spec) {
        perChannel.incrementAndGet(spec.channelIndex());
        made.incrementAndGet();
        attemptDone();
    }

    @Override
    public void failed(SubscriberSpec spec, String reason) {
        failed.incrementAndGet();
        count(reason);
        attemptDone();
    }

    @Override
    public void lost(SubscriberSpec spec, String reason) {
        if (!closing) {
            perChannel.decrementAndGet(spec.channelIndex());
            lost.incrementAndGet();
            count(reason);
        }
    }

    @Override
    public void reconnect(SubscriberSpec spec, SubscriberState carry) {
        if (!closing) {
            if (carry.droppedMicros < 0) {
                reconnects.incrementAndGet();
            }
            connect(spec, carry);
        }
    }

    /**
     * Reconnect storm: every made WebSocket, SSE and stream subscriber drops its connection at once and opens
     * a new one (SSE ones with {@code Last-Event-ID}). Long-poll subscribers are left alone: they reconnect
     * all the time anyway.
     *
     * @param publishedUpTo the highest sequence number published so far (-1 for none): a subscriber has
     *                      caught up once it received the last message of its channel up to this one, or
     *                      any later one
     * @return how many subscribers were dropped
     */
    public int reconnectAll(long publishedUpTo) {
        long now = clock.nowMicros();
        int dropped = 0;
        // A copy: the new connections join the group while this loop runs, and must not be dropped too.
        for (Channel ch : new ArrayList<>(channels)) {
            Subscriber sub = ch.pipeline().get(Subscriber.class);
            if (sub == null || sub.spec.transport() == Transport.POLL || !ch.isActive()) {
                continue;
            }
            long catchUp = catchUpSeq(publishedUpTo, sub.spec.channelIndex(), config.channels());
            ch.eventLoop().execute(() -> sub.dropAndReconnect(now, catchUp));
            dropped++;
        }
        stormDropped.addAndGet(dropped);
        return dropped;
    }

    /**
     * The sequence number whose arrival means a subscriber of {@code channel} has caught up after a drop when
     * messages up to {@code publishedUpTo} were out: the last one of its channel, or its channel's first.
     */
    static long catchUpSeq(long publishedUpTo, int channel, int channels) {
        if (publishedUpTo < channel) {
            return channel;
        }
        return publishedUpTo - (publishedUpTo - channel) % channels;
    }

    /** Subscribers dropped by {@link #reconnectAll}. */
    public long stormDropped() {
        return stormDropped.get();
    }

    private void attemptDone() {
        pending.decrementAndGet();
        if (made.get() + failed.get() == config.subscribers()) {
            allAttempted.complete(null);
        }
    }

    private void count(String reason) {
        String key = reason.length() > 160 ? reason.substring(0, 160) : reason;
        reasons.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Connections made so far (including ones lost since). */
    public long made() {
        return made.get();
    }

    /** Connections that failed before they were made. */
    public long failed() {
        return failed.get();
    }

    /** Connections started and not yet made or failed. */
    public int pending() {
        return pending.get();
    }

    /** Made connections that ended without the tool asking. */
    public long lost() {
        return lost.get();
    }

    /** New connections opened for long-poll subscribers whose server closed after a response. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Failure and loss reasons with their counts, sorted by reason. */
    public Map<String, Long> reasons() {
        Map<String, Long> out = new TreeMap<>();
        reasons.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** How many subscribers each channel has now. */
    public int[] subscribersPerChannel() {
        int[] out = new int[perChannel.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = perChannel.get(i);
        }
        return out;
    }

    /** Measured deliveries so far over all loops. */
    public long received() {
        return stats.values().stream().mapToLong(LoopStats::received).sum();
    }

    /** Subscribers confirmed by a probe so far. */
    public long ready() {
        return stats.values().stream().mapToLong(LoopStats::ready).sum();
    }

    /** Forgets the event-loop lag measured so far. Blocks until every loop has done it. */
    public void resetLag() {
        onEachLoop(s -> {
            s.resetLag();
            return null;
        });
    }

    /** The merged measurements of every loop. Blocks until each loop has copied its own. */
    public LoopSnapshot snapshot() {
        return LoopSnapshot.merge(onEachLoop(LoopStats::snapshot));
    }

    /** The thread id of each event loop, for CPU accounting. */
    public List<Long> loopThreadIds() {
        return onEachLoop(s -> Thread.currentThread().getId());
    }

    private <T> List<T> onEachLoop(Function<LoopStats, T> task) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<EventExecutor, LoopStats> e : stats.entrySet()) {
            try {
                out.add(e.getKey().submit(() -> task.apply(e.getValue())).get(30, TimeUnit.SECONDS));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an event loop", ex);
            } catch (ExecutionException | TimeoutException ex) {
                throw new IllegalStateException("event loop task failed: " + ex, ex);
            }
        }
        return out;
    }

    /** Closes every connection and stops the event loops. */
    @Override
    public void close() {
        closing = true;
        lagProbes.forEach(p -> p.cancel(false));
        channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
