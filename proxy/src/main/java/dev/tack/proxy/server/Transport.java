package dev.tack.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import jdk.net.ExtendedSocketOptions;

/**
 * The I/O transport of every event loop: epoll where the kernel offers it, else io_uring, else NIO. The system
 * property {@code tack.transport} ({@code auto}, {@code epoll}, {@code io_uring}, {@code nio}) picks one; a
 * transport that is not available falls back to the next.
 *
 * <p>Epoll comes first since issue 14's third round (bench/README.md "Side by side, round three"): on the bench box it
 * delivered as fast or faster (scenario a 50.5 against 55.4 ms p99 with the same collector; e 797,598 against 760,633
 * deliveries a second, each with its own collector), used less memory per
 * connection (an io_uring socket keeps a read buffer submitted while it waits for data: 2.2 against 3.8 KB of RSS per
 * connection in scenario a) and is what container runtimes allow (their default seccomp profiles refuse io_uring).
 */
record Transport(String name, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel,
        Class<? extends Channel> socketChannel) {

    static Transport choose(String preference) {
        String wanted = preference == null ? "auto" : preference.toLowerCase(Locale.ROOT);
        boolean epoll = !wanted.equals("nio") && Epoll.isAvailable();
        boolean ioUring = !wanted.equals("nio") && IoUring.isAvailable();
        if (ioUring && (wanted.equals("io_uring") || !epoll)) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                    IoUringSocketChannel.class);
        }
        if (epoll) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    /** Unsent bytes the kernel may hold for one client socket ({@code TCP_NOTSENT_LOWAT}, epoll and io_uring). */
    static final long NOT_SENT_LOW_WATER_MARK = 128 * 1024;
    /** TCP keep-alive probes: one every {@value} seconds once they start. */
    static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    /** Unanswered probes before the kernel drops the connection. */
    static final int KEEPALIVE_PROBES = 6;

    /**
     * Socket options of client connections (docs/reliability.md "Timeouts", "Slow consumers"): TCP keep-alive, so a
     * held connection whose peer vanished is found (after {@code keepAliveSeconds} idle, then {@value
     * #KEEPALIVE_PROBES} probes {@value #KEEPALIVE_INTERVAL_SECONDS} s apart), and a cap on the bytes the kernel
     * holds unsent for a slow reader, so back-pressure reaches Tack's bounded outbox instead of growing the
     * kernel's send buffer to megabytes.
     *
     * @param keepAliveSeconds 0: no keep-alive probes
     */
    void clientOptions(ServerBootstrap bootstrap, int keepAliveSeconds) {
        if (keepAliveSeconds > 0) {
            bootstrap.childOption(ChannelOption.SO_KEEPALIVE, true);
        }
        switch (name) {
            case "io_uring" -> {
                bootstrap.childOption(IoUringChannelOption.TCP_NOTSENT_LOWAT, NOT_SENT_LOW_WATER_MARK);
                if (keepAliveSeconds > 0) {
                    bootstrap.childOption(IoUringChannelOption.TCP_KEEPIDLE, keepAliveSeconds)
                            .childOption(IoUringChannelOption.TCP_KEEPINTVL, KEEPALIVE_INTERVAL_SECONDS)
                            .childOption(IoUringChannelOption.TCP_KEEPCNT, KEEPALIVE_PROBES);
                }
            }
            case "epoll" -> {
                bootstrap.childOption(EpollChannelOption.TCP_NOTSENT_LOWAT, NOT_SENT_LOW_WATER_MARK);
                if (keepAliveSeconds > 0) {
                    bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, keepAliveSeconds)
                            .childOption(EpollChannelOption.TCP_KEEPINTVL, KEEPALIVE_INTERVAL_SECONDS)
                            .childOption(EpollChannelOption.TCP_KEEPCNT, KEEPALIVE_PROBES);
                }
            }
            default -> {
                if (keepAliveSeconds > 0) {
                    bootstrap.childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), keepAliveSeconds)
                            .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL),
                                    KEEPALIVE_INTERVAL_SECONDS)
                            .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), KEEPALIVE_PROBES);
                }
            }
        }
    }
}
