package dev.tack.proxy.origin;

import dev.tack.proxy.route.Target;
import dev.tack.proxy.time.TimeSource;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Connections to origins, made on the event loop of the caller they serve so that a client, its origin
 * connection and its session never cross threads. Idle keep-alive connections are pooled per event loop and per
 * target address, at most {@code maxIdle} of them ({@code [tack] origin_pool_max_idle}; one more is closed instead
 * of pooled, so a burst of clients does not leave thousands of idle descriptors behind), and closed after
 * {@link #IDLE_SECONDS} unused (Pushpin's pool TTL, {@code connection.rs}). Open and idle connections are counted
 * for {@code tack_descriptors} (docs/reliability.md "Descriptors"). The two TLS contexts (verifying and, for
 * {@code insecure} targets, trusting) are built once, at start-up.
 *
 * <p>An origin connection's pipeline: {@value OriginPipeline#TLS} (TLS targets only) →
 * {@value OriginPipeline#HTTP_CODEC} → {@value OriginPipeline#CALL}.
 */
final class OriginPool {

    static final int IDLE_SECONDS = 55;
    /** Idle connections kept per event loop and target unless configured. */
    public static final int DEFAULT_MAX_IDLE = 32;
    /** New connections opened at once per event loop and target; more calls wait for one of them or a freed one. */
    static final int MAX_CONNECTING = 32;
    /** The largest response head an origin may send. */
    static final int MAX_HEADER_SIZE = 64 * 1024;

    /** Set on a connection once it has carried a request, so a stale pooled one can be told from a new one. */
    private static final AttributeKey<Boolean> USED = AttributeKey.valueOf(OriginPool.class, "used");

    private final Class<? extends Channel> channelType;
    private final int connectTimeoutMillis;
    private final TimeSource time;
    private final Map<EventLoop, Map<String, Slot>> pools = new ConcurrentHashMap<>();
    private final SslContext tls;
    private final SslContext insecureTls;
    private final int maxIdle;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final Set<Channel> all = ConcurrentHashMap.newKeySet();
    /** Contexts for targets with a {@code client_cert}, by certificate, key and {@code insecure}. */
    private final Map<String, SslContext> clientCertTls = new ConcurrentHashMap<>();

    OriginPool(Class<? extends Channel> channelType, int connectTimeoutMillis, TimeSource time, int maxIdle) {
        this.channelType = channelType;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.time = time;
        this.maxIdle = maxIdle;
        try {
            this.tls = SslContextBuilder.forClient().build();
            this.insecureTls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for origin connections", e);
        }
    }

    /**
     * Gets a connection to {@code target} on {@code loop}: a pooled idle one when there is one, otherwise the first
     * that comes, a connection another call gives back or a new one. At most {@link #MAX_CONNECTING} new ones are
     * being opened at once per event loop and target; the calls waiting meanwhile take whichever connection comes
     * first, so a connection storm reuses the connections its first requests free instead of opening one per
     * request (4,308 at most for 10,000 new SSE clients before, bench/docs/perf-connect.md). A connect that fails
     * fails the longest-waiting call, as its own connect would have; the rest wait for the connects still under way,
     * and when none is left (or the target is blocked) they fail too. A call cancelled while it waits leaves the
     * queue.
     */
    Future<Channel> acquire(EventLoop loop, Target target) {
        Promise<Channel> promise = loop.newPromise();
        Slot slot = slot(loop, target);
        Channel pooled;
        while ((pooled = slot.idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (pooled.isActive()) {
                return promise.setSuccess(pooled);
            }
        }
        slot.waiting.add(promise);
        promise.addListener(f -> {
            if (f.isCancelled()) {
                slot.waiting.remove(promise);
            }
        });
        fill(loop, target, slot);
        return promise;
    }

    /** Opens connections for the calls waiting on {@code slot}, up to {@link #MAX_CONNECTING} at once. */
    private void fill(EventLoop loop, Target target, Slot slot) {
        while (slot.connecting < MAX_CONNECTING && slot.connecting < slot.waiting.size()) {
            SslContext sslContext;
            try {
                sslContext = !target.ssl() ? null : target.clientCert() != null ? clientCertContext(target)
                        : target.insecure() ? insecureTls : tls;
            } catch (IllegalStateException e) {
                failWaiting(slot, e);
                return;
            }
            slot.connecting++;
            connect(loop, target, sslContext).addListener(f -> {
                slot.connecting--;
                @SuppressWarnings("unchecked")
                Future<Channel> made = (Future<Channel>) f;
                if (made.isSuccess()) {
                    give(made.getNow(), target, slot);
                    fill(loop, target, slot);
                } else if (slot.connecting == 0 || made.cause() instanceof OutboundPolicy.BlockedException) {
                    failWaiting(slot, made.cause());
                } else {
                    failOldest(slot, made.cause());
                }
            });
        }
    }

    private Future<Channel> connect(EventLoop loop, Target target, SslContext sslContext) {
        Promise<Channel> promise = loop.newPromise();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (sslContext != null) {
                            ch.pipeline().addLast(OriginPipeline.TLS,
                                    sslContext.newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        ch.pipeline().addLast(OriginPipeline.HTTP_CODEC, new HttpClientCodec(4096, MAX_HEADER_SIZE, 8192));
                        ch.pipeline().addLast(OriginPipeline.CALL, new ConnectionHandler());
                    }
                });
        ChannelFuture connect = bootstrap.connect(target.host(), target.port());
        Channel made = connect.channel();
        open.incrementAndGet();
        all.add(made);
        made.closeFuture().addListener(f -> {
            open.decrementAndGet();
            all.remove(made);
        });
        connect.addListener(f -> {
            if (f.isSuccess() && target.untrusted() && OutboundPolicy.blocked(connect.channel().remoteAddress())) {
                connect.channel().close();
                promise.tryFailure(new OutboundPolicy.BlockedException(target, connect.channel().remoteAddress()));
            } else if (f.isSuccess()) {
                promise.trySuccess(connect.channel());
            } else {
                promise.tryFailure(f.cause());
            }
        });
        return promise;
    }

    /** Hands {@code channel} (unused now) to the longest-waiting call, else keeps it idle. */
    private void give(Channel channel, Target target, Slot slot) {
        Promise<Channel> next;
        while ((next = slot.waiting.poll()) != null) {
            if (next.trySuccess(channel)) {
                return;
            }
        }
        pool(channel, target, slot);
    }

    private static void failOldest(Slot slot, Throwable cause) {
        Promise<Channel> next;
        while ((next = slot.waiting.poll()) != null) {
            if (next.tryFailure(cause)) {
                return;
            }
        }
    }

    private static void failWaiting(Slot slot, Throwable cause) {
        Promise<Channel> next;
        while ((next = slot.waiting.poll()) != null) {
            next.tryFailure(cause);
        }
    }

    /** The TLS context that shows {@code target}'s client certificate, built once per certificate and key. */
    private SslContext clientCertContext(Target target) {
        String key = target.clientCert() + "\n" + target.clientKey() + "\n" + target.insecure();
        return clientCertTls.computeIfAbsent(key, k -> {
            try {
                SslContextBuilder builder = SslContextBuilder.forClient()
                        .keyManager(target.clientCert().toFile(), target.clientKey().toFile());
                if (target.insecure()) {
                    builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
                }
                return builder.build();
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalStateException("client_cert=" + target.clientCert() + ", client_key="
                        + target.clientKey() + " of target " + target + " cannot be used: " + e.getMessage(), e);
            }
        });
    }

    /** Marks {@code channel} as carrying a request; returns whether it had carried one before (came from the pool). */
    static boolean markUsed(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(USED).getAndSet(Boolean.TRUE));
    }

    /**
     * Takes back a connection whose exchange finished cleanly (or that a call no longer wants before using it): the
     * longest-waiting call on its loop gets it, else it joins the loop's pool.
     */
    void release(Channel channel, Target target) {
        if (!channel.isActive()) {
            return;
        }
        give(channel, target, slot(channel.eventLoop(), target));
    }

    private void pool(Channel channel, Target target, Slot slot) {
        ArrayDeque<Channel> idle = slot.idle;
        if (idle.size() >= maxIdle) {
            channel.close();
            return;
        }
        idle.addFirst(channel);
        idleCount.incrementAndGet();
        // One timer per idle spell, cancelled when the connection is taken again.
        channel.pipeline().get(ConnectionHandler.class).idle(() -> {
            if (idle.remove(channel)) {
                idleCount.decrementAndGet();
            }
        }, time.schedule(channel.eventLoop(), () -> {
            if (idle.remove(channel)) {
                idleCount.decrementAndGet();
                channel.close();
            }
        }, IDLE_SECONDS, TimeUnit.SECONDS));
    }

    /** Origin connections open now, in use or idle. */
    int openConnections() {
        return open.get();
    }

    /** Origin connections waiting in the pools now. */
    int idleConnections() {
        return idleCount.get();
    }

    /** Closes every origin connection (Tack is stopping). */
    void closeAll() {
        for (Channel channel : List.copyOf(all)) {
            channel.close();
        }
    }

    private Slot slot(EventLoop loop, Target target) {
        return pools.computeIfAbsent(loop, l -> new HashMap<>()).computeIfAbsent(key(target), k -> new Slot());
    }

    /** One event loop's connections to one target; touched only on that loop. */
    private static final class Slot {
        final ArrayDeque<Channel> idle = new ArrayDeque<>();
        /** Calls waiting for a connection, longest-waiting first. */
        final ArrayDeque<Promise<Channel>> waiting = new ArrayDeque<>();
        /** New connections being opened now. */
        int connecting;
    }

    private static String key(Target target) {
        return (target.ssl() ? "https://" : "http://") + target.host() + ":" + target.port()
                + (target.insecure() ? " insecure" : "") + (target.clientCert() == null ? "" : " " + target.clientCert());
    }
}
