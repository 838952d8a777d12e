package dev.tack.bench.client;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The Netty transport the client side runs on: native epoll where available, else NIO. */
public enum IoKind {
    AUTO,
    EPOLL,
    NIO;

    /** This choice with {@code AUTO} replaced by what the platform offers. */
    public IoKind resolve() {
        if (this == AUTO) {
            return Epoll.isAvailable() ? EPOLL : NIO;
        }
        if (this == EPOLL && !Epoll.isAvailable()) {
            throw new IllegalStateException("io: epoll is not available here (" + Epoll.unavailabilityCause()
                    + "); use --io nio");
        }
        return this;
    }

    /** The event-loop I/O handler factory; call on a resolved value. */
    public IoHandlerFactory handlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The client socket channel class; call on a resolved value. */
    public Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
