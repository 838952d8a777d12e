package dev.tack.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;

/**
 * The I/O transport of every event loop: io_uring where the kernel offers it (a loop submits all of a fan-out's
 * socket writes with one system call), else epoll, else NIO. The system property {@code tack.transport}
 * ({@code auto}, {@code io_uring}, {@code epoll}, {@code nio}) picks one; a transport that is not available falls
 * back to the next.
 */
record Transport(String name, IoHandlerFactory handlers, Class<? extends ServerChannel> serverChannel,
        Class<? extends Channel> socketChannel) {

    static Transport choose(String preference) {
        String wanted = preference == null ? "auto" : preference.toLowerCase(Locale.ROOT);
        if ((wanted.equals("auto") || wanted.equals("io_uring")) && IoUring.isAvailable()) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                    IoUringSocketChannel.class);
        }
        if (!wanted.equals("nio") && Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
