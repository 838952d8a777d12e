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
    /** What this subscriber carries from connection to connection. */
    final SubscriberState state;
    LoopStats stats;
    ChannelHandlerContext ctx;
    /** When the bytes being parsed were read, in microseconds: the arrival time of every message in them. */
    long readMicros;
    /** When this connection was started (connect called), in microseconds. */
    private final long startMicros;
    /** Whether this connection continues a subscriber that was made before (a re-poll or a storm reconnect). */
    private final boolean carried;
    private boolean made;
    private boolean finished;
    private ScheduledFuture<?> handshakeTimer;

    /**
     * @param state       the subscriber's state from its previous connection, or null for its first
     * @param startMicros when the connection is started, for the handshake latency
     */
    Subscriber(SubscriberSpec spec, SubscriberHost host, SubscriberState state, long startMicros) {
        this.spec = spec;
        this.host = host;
        this.carried = state != null;
        this.made = carried;
        this.state = carried ? state : new SubscriberState();
        this.startMicros = startMicros;
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
        this.ctx = ctx;
        stats = host.statsFor(ctx.channel().eventLoop());
        if (!made || state.droppedMicros >= 0) {
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

    /** Counts this connection as made (once); a connection that continues a subscriber is not counted again. */
    final void markMade() {
        if (!made) {
            made = true;
            cancelTimer();
            host.made(spec);
        }
    }

    /**
     * The response head arrived (an SSE or stream {@code 200}, a WebSocket {@code 101}): records the handshake
     * latency, as a first connection's or a storm reconnect's, and counts the connection as made.
     */
    final void handshakeDone() {
        long micros = readMicros - startMicros;
        if (!carried) {
            stats.handshake(micros);
        } else if (state.droppedMicros >= 0) {
            cancelTimer();
            stats.reconnected(micros);
        }
        markMade();
    }

    /**
     * Reconnect storm: drops this connection at once and asks for a new one that carries this subscriber on,
     * sending the last SSE event id it saw. Call on this connection's event loop.
     *
     * @param droppedMicros when the storm began
     * @param catchUpSeq    the sequence number that marks this subscriber as caught up once received
     */
    final void dropAndReconnect(long droppedMicros, long catchUpSeq) {
        if (finished || ctx == null || !made) {
            return;
        }
        rememberEventId();
        state.droppedMicros = droppedMicros;
        state.catchUpSeq = catchUpSeq;
        state.firstAfterReconnect = true;
        retire(ctx);
        host.reconnect(spec, state);
    }

    /** Copies the transport's last event id into {@link #state} (SSE only). */
    void rememberEventId() {
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
            if (!state.ready) {
                state.ready = true;
                stats.subscriberReady();
            }
        } else if (p.seq() > Integer.MAX_VALUE || state.seen.get((int) p.seq())) {
            stats.duplicate();
        } else if (p.seq() < state.lastSeq) {
            state.seen.set((int) p.seq());
            stats.delivered(p.seq(), p.sentMicros(), readMicros);
            afterStorm(p.seq(), 0);
        } else {
            state.seen.set((int) p.seq());
            long skipped = 0;
            if (state.lastSeq >= 0) {
                skipped = Math.max(0, (p.seq() - state.lastSeq) / host.channels() - 1);
                if (skipped > 0) {
                    stats.missed(skipped);
                }
            }
            state.lastSeq = p.seq();
            stats.delivered(p.seq(), p.sentMicros(), readMicros);
            afterStorm(p.seq(), skipped);
        }
    }

    /** After a storm reconnect: counts the messages skipped across it, and notes when this subscriber caught up. */
    private void afterStorm(long seq, long skipped) {
        if (state.firstAfterReconnect) {
            state.firstAfterReconnect = false;
            stats.missedAcrossReconnect(skipped);
        }
        if (state.catchUpSeq >= 0 && seq >= state.catchUpSeq) {
            state.catchUpSeq = -1;
            stats.caughtUp(readMicros - state.droppedMicros);
        }
    }

    private void cancelTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }
}
