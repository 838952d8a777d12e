package dev.tack.bench.origin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The bench GRIP origin's server: a listening socket and its event loop(s). */
public final class GripOrigin implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;

    private GripOrigin(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one).
     *
     * @throws IllegalStateException naming the address when it cannot be bound
     */
    public static GripOrigin start(String host, int port, int threads) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-origin"),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        OriginHandler handler = new OriginHandler();
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), handler);
                    }
                });
        try {
            Channel server = b.bind(host, port).syncUninterruptibly().channel();
            return new GripOrigin(group, server);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("bench origin cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another origin already running there? then pass --no-origin)", e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Completes when the server socket closes. */
    public void awaitClose() {
        server.closeFuture().syncUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
