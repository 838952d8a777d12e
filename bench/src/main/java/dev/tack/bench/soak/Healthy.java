package dev.tack.bench.soak;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribers that hold an HTTP stream on a channel and count the numbered messages they receive: every published
 * message carries {@code #<n>;} in its content. A subscriber that is closed by the server before the end counts as
 * affected; one that misses a number counts the gap as lost. Some may be stalled on purpose: they read their
 * response head, then stop reading, with a small receive buffer (the slow consumers Tack has to deal with).
 */
final class Healthy implements AutoCloseable {

    /** One subscriber's state, confined to its event loop. */
    static final class Subscriber extends ChannelInboundHandlerAdapter {
        private final String path;
        private final boolean stall;
        private final Healthy owner;
        private boolean headDone;
        private int matchedCrlf;
        private long number = -1;
        volatile long received;
        volatile long highest = -1;
        volatile boolean open;
        volatile boolean subscribed;

        Subscriber(String path, boolean stall, Healthy owner) {
            this.path = path;
            this.stall = stall;
            this.owner = owner;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            open = true;
            ctx.writeAndFlush(Unpooled.copiedBuffer("GET " + path + " HTTP/1.1\r\nHost: soak\r\n\r\n",
                    StandardCharsets.US_ASCII));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                while (buf.isReadable()) {
                    byte b = buf.readByte();
                    if (!headDone) {
                        matchedCrlf = b == "\r\n\r\n".charAt(matchedCrlf) ? matchedCrlf + 1 : b == '\r' ? 1 : 0;
                        if (matchedCrlf == 4) {
                            headDone = true;
                            subscribed = true;
                            owner.subscribed.incrementAndGet();
                            if (stall) {
                                ctx.channel().config().setAutoRead(false);
                                return;
                            }
                        }
                    } else {
                        scan(b);
                    }
                }
            } finally {
                buf.release();
            }
        }

        /** {@code #<digits>;} marks one message; anything else ends a number in progress. */
        private void scan(byte b) {
            if (b == '#') {
                number = 0;
            } else if (number >= 0 && b >= '0' && b <= '9') {
                number = number * 10 + (b - '0');
            } else if (number >= 0 && b == ';') {
                received++;
                highest = Math.max(highest, number);
                number = -1;
            } else {
                number = -1;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open = false;
            if (!owner.closing) {
                owner.dropped.incrementAndGet();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("soak-sub"),
            EpollIoHandler.newFactory());
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    final AtomicInteger subscribed = new AtomicInteger();
    final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;

    /**
     * Opens {@code count} subscribers to {@code path} on {@code port}, the first {@code stalled} of them stalled, and
     * waits until all have their response head.
     */
    static Healthy open(int port, String path, int count, int stalled) throws InterruptedException {
        Healthy healthy = new Healthy();
        Bootstrap bootstrap = new Bootstrap().group(healthy.group).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        for (int i = 0; i < count; i++) {
            boolean stall = i < stalled;
            Subscriber subscriber = new Subscriber(path, stall, healthy);
            Bootstrap b = bootstrap.clone().handler(subscriber);
            if (stall) {
                b.option(ChannelOption.SO_RCVBUF, 4096);
            }
            ChannelFuture connect = b.connect("127.0.0.1", port);
            healthy.subscribers.add(subscriber);
            healthy.channels.add(connect.channel());
            if (i % 200 == 199) {
                connect.await(10, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (healthy.subscribed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (healthy.subscribed.get() < count) {
            throw new IllegalStateException("only " + healthy.subscribed.get() + " of " + count + " subscribers got "
                    + "their stream");
        }
        return healthy;
    }

    /** The lowest count of messages received by a healthy (not stalled) subscriber. */
    long slowestReceived(int stalled) {
        long min = Long.MAX_VALUE;
        for (int i = stalled; i < subscribers.size(); i++) {
            min = Math.min(min, subscribers.get(i).received);
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /** Messages healthy subscribers missed of the {@code published} ones (numbered from 0). */
    long lost(long published, int stalled) {
        long lost = 0;
        for (int i = stalled; i < subscribers.size(); i++) {
            lost += Math.max(0, published - subscribers.get(i).received);
        }
        return lost;
    }

    /** Healthy subscribers closed by the server before the end. */
    long affected(int stalled) {
        long affected = 0;
        for (int i = stalled; i < subscribers.size(); i++) {
            affected += subscribers.get(i).open ? 0 : 1;
        }
        return affected;
    }

    @Override
    public void close() {
        closing = true;
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
