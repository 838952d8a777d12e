package dev.tack.bench.client;

import dev.tack.bench.http.ResponseHead;
import dev.tack.bench.http.ResponseHeadParser;
import dev.tack.bench.http.WireFormatException;
import dev.tack.bench.message.Payload;
import dev.tack.bench.stats.LoopStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber connection: sends its request when the socket connects, reads the response head, then
 * hands payloads found by the transport's parser to the loop's {@link LoopStats}. Subclasses do the
 * transport-specific part. The only handler in the pipeline; one instance per connection.
 */
abstract class Subscriber extends ChannelInboundHandlerAdapter implements MessageSink {
    final SubscriberSpec spec;
    final SubscriberHost host;
    final ResponseHeadParser headParser = new ResponseHeadParser();
    LoopStats stats;
    /** The highest measured sequence number received, or -1. */
    long lastSeq = -1;
    /**
     * Every sequence number received, so that a message overtaken by a later one still counts as delivered
     * (two publishes in flight at once on different connections have no order a proxy could keep) and only a
     * true repeat counts as a duplicate.
     */
    private final java.util.BitSet seen = new java.util.BitSet();
    boolean ready;
    /** When the bytes being parsed were read, in microseconds: the arrival time of every message in them. */
    long readMicros;
    private boolean made;
    private boolean finished;
    private ScheduledFuture<?> handshakeTimer;

    Subscriber(SubscriberSpec spec, SubscriberHost host) {
        this.spec = spec;
        this.host = host;
    }

    /** Writes the opening request. */
    abstract void sendRequest(ChannelHandlerContext ctx);

    /**
     * Parses received bytes.
     *
     * @param in owned by the caller, who releases it after this returns
     */
    abstract void read(ChannelHandlerContext ctx, ByteBuf in);

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stats = host.statsFor(ctx.channel().eventLoop());
        if (!made) {
            long timeout = host.handshakeTimeout().toMillis();
            handshakeTimer = ctx.executor().schedule(() -> fail(ctx, "no response within " + timeout + " ms"),
                    timeout, TimeUnit.MILLISECONDS);
        }
        sendRequest(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            readMicros = host.clock().nowMicros();
            if (!finished) {
                read(ctx, in);
            }
        } catch (WireFormatException e) {
            fail(ctx, e.getMessage());
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        if (!finished) {
            finished = true;
            if (made) {
                host.lost(spec, "closed by the server");
            } else {
                host.failed(spec, "closed by the server before a response");
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** Marks a subscriber that continues on a new connection: it was counted as made already. */
    final void carriedOver() {
        made = true;
    }

    /** Counts this connection as made (once). */
    final void markMade() {
        if (!made) {
            made = true;
            cancelTimer();
            host.made(spec);
        }
    }

    /** Ends the connection, counting it as failed or, once made, as lost. */
    final void fail(ChannelHandlerContext ctx, String reason) {
        if (!finished) {
            finished = true;
            cancelTimer();
            if (made) {
                host.lost(spec, reason);
            } else {
                host.failed(spec, reason);
            }
        }
        ctx.close();
    }

    /** Closes the connection without counting it anywhere (the subscriber carries on elsewhere). */
    final void retire(ChannelHandlerContext ctx) {
        finished = true;
        cancelTimer();
        ctx.close();
    }

    /** Fails unless {@code head} has status {@code expected}; returns whether it had. */
    final boolean expectStatus(ChannelHandlerContext ctx, ResponseHead head, int expected) {
        if (head.status() == expected) {
            return true;
        }
        fail(ctx, "status " + head.status() + " (expected: " + expected + ")");
        return false;
    }

    /** Writes {@code text} as US-ASCII and flushes. */
    static void writeText(ChannelHandlerContext ctx, String text) {
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), text));
    }

    @Override
    public final void message(byte[] bytes, int offset, int length) {
        Payload p = Payload.parse(bytes, offset, length);
        if (p == null) {
            stats.unparsed();
        } else if (p.kind() == Payload.Kind.PROBE) {
            if (!ready) {
                ready = true;
                stats.subscriberReady();
            }
        } else if (p.seq() > Integer.MAX_VALUE || seen.get((int) p.seq())) {
            stats.duplicate();
        } else if (p.seq() < lastSeq) {
            seen.set((int) p.seq());
            stats.delivered(p.seq(), p.sentMicros(), readMicros);
        } else {
            seen.set((int) p.seq());
            if (lastSeq >= 0) {
                long skipped = (p.seq() - lastSeq) / host.channels() - 1;
                if (skipped > 0) {
                    stats.missed(skipped);
                }
            }
            lastSeq = p.seq();
            stats.delivered(p.seq(), p.sentMicros(), readMicros);
        }
    }

    private void cancelTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }
}
