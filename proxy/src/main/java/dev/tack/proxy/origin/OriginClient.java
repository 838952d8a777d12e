package dev.tack.proxy.origin;

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
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Connections to origins, made on the event loop of the client connection they serve so that a client, its
 * origin connection and its session never cross threads. Idle keep-alive connections are pooled per event
 * loop and per origin address, and closed after {@link #IDLE_SECONDS} unused (Pushpin's pool TTL is 55 s).
 */
public final class OriginClient {

    static final int IDLE_SECONDS = 55;
    static final String HANDLER = "origin";

    private final Class<? extends Channel> channelType;
    private final int connectTimeoutMillis;
    private final int maxHeaderSize;
    private final Map<EventLoop, Map<String, ArrayDeque<Channel>>> pools = new ConcurrentHashMap<>();
    private final SslContext tls;
    private final SslContext insecureTls;

    public OriginClient(Class<? extends Channel> channelType, int connectTimeoutMillis, int maxHeaderSize) {
        this.channelType = channelType;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxHeaderSize = maxHeaderSize;
        try {
            this.tls = SslContextBuilder.forClient().build();
            this.insecureTls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for origin connections", e);
        }
    }

    /** The socket channel type of origin connections (the server's transport). */
    public Class<? extends Channel> channelType() {
        return channelType;
    }

    /**
     * Gets a connection to {@code host:port} on {@code loop}: a pooled idle one when there is one,
     * otherwise a new one. The connection's pipeline ends in an {@link OriginHandler}.
     */
    Future<Channel> acquire(EventLoop loop, String host, int port, boolean ssl, boolean insecure) {
        Promise<Channel> promise = loop.newPromise();
        ArrayDeque<Channel> idle = pool(loop, key(host, port, ssl));
        Channel pooled;
        while ((pooled = idle.pollFirst()) != null) {
            if (pooled.isActive()) {
                return promise.setSuccess(pooled);
            }
        }
        SslContext sslContext = ssl ? (insecure ? insecureTls : tls) : null;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (sslContext != null) {
                            ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast("http-codec", new HttpClientCodec(4096, maxHeaderSize, 8192));
                        ch.pipeline().addLast(HANDLER, new OriginHandler());
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                promise.trySuccess(connect.channel());
            } else {
                promise.tryFailure(f.cause());
            }
        });
        return promise;
    }

    /** Returns a connection whose exchange finished cleanly to its loop's pool. */
    void release(Channel channel, String host, int port, boolean ssl) {
        if (!channel.isActive()) {
            return;
        }
        EventLoop loop = channel.eventLoop();
        ArrayDeque<Channel> idle = pool(loop, key(host, port, ssl));
        idle.addFirst(channel);
        // One timer per idle spell, cancelled when the connection is taken again.
        channel.pipeline().get(OriginHandler.class).idle(() -> idle.remove(channel), loop.schedule(() -> {
            if (idle.remove(channel)) {
                channel.close();
            }
        }, IDLE_SECONDS, TimeUnit.SECONDS));
    }

    private Map<String, ArrayDeque<Channel>> pools(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new HashMap<>());
    }

    private ArrayDeque<Channel> pool(EventLoop loop, String key) {
        return pools(loop).computeIfAbsent(key, k -> new ArrayDeque<>());
    }

    private static String key(String host, int port, boolean ssl) {
        return (ssl ? "https://" : "http://") + host + ":" + port;
    }
}
