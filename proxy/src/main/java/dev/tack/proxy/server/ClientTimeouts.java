package dev.tack.proxy.server;

import dev.tack.proxy.log.ConnectionLog;
import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.ConnectionFailure;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of a client connection's reading phases (docs/reliability.md "Timeouts"), in front of the HTTP codec
 * so that it sees every byte as it arrives:
 * <ul>
 * <li>waiting for a request ({@code client_idle_timeout}): a keep-alive connection that sends nothing is closed;</li>
 * <li>reading a request head ({@code client_head_timeout}, from its first byte): a client that sends its head a
 * byte at a time (slowloris) gets {@code 408 Request Timeout} and is closed;</li>
 * <li>reading a request body ({@code client_body_timeout}): a body that stops arriving ends the connection; a
 * pause that Tack asked for (the origin is slow to take the body) does not count.</li>
 * </ul>
 * While a response is on its way or held (long-poll, stream) no timer runs here: a held connection costs no
 * timer, and TCP keep-alive finds a peer that vanished. {@link ClientHttpHandler} reports the phases; a WebSocket
 * upgrade removes this handler (its pings take over). Timers come from the {@link TimeSource}; each phase keeps at
 * most one, re-armed lazily rather than on every read.
 */
final class ClientTimeouts extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientTimeouts.class);
    private static final String TIMEOUT_TEXT = "Request Timeout: the request head was too slow.\n";
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain\r\n"
            + "Content-Length: " + TIMEOUT_TEXT.length() + "\r\nConnection: close\r\n\r\n" + TIMEOUT_TEXT)
            .getBytes(StandardCharsets.US_ASCII);

    private enum Phase { IDLE, HEAD, BODY, BUSY }

    private final ClientLimits limits;
    private final TimeSource time;
    private final TackMetrics metrics;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.IDLE;
    private long phaseStart;
    private long lastRead;
    private Future<?> timer;

    ClientTimeouts(ClientLimits limits, TimeSource time, TackMetrics metrics) {
        this.limits = limits;
        this.time = time;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        enter(Phase.IDLE);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = now();
        if (phase == Phase.IDLE) {
            enter(Phase.HEAD);
        }
        ctx.fireChannelRead(msg);
    }

    /** A request head arrived; {@code body} when a body follows it. */
    void requestHead(boolean body) {
        enter(body ? Phase.BODY : Phase.BUSY);
    }

    /** The request's body ended: the response is Tack's business now. */
    void requestEnded() {
        if (phase == Phase.BODY) {
            enter(Phase.BUSY);
        }
    }

    /** The response ended and the connection waits for the next request. */
    void responseEnded() {
        enter(Phase.IDLE);
    }

    /** The connection is no longer plain HTTP (a WebSocket): no more timers here. */
    void stop() {
        cancel();
        if (ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void enter(Phase next) {
        phase = next;
        phaseStart = now();
        lastRead = phaseStart;
        cancel();
        long limit = limit(next);
        if (limit > 0) {
            arm(limit);
        }
    }

    private long limit(Phase p) {
        return switch (p) {
            case IDLE -> limits.idleTimeoutMillis();
            case HEAD -> limits.headTimeoutMillis();
            case BODY -> limits.bodyTimeoutMillis();
            case BUSY -> 0;
        };
    }

    private void arm(long millis) {
        Phase armedFor = phase;
        timer = time.schedule(ctx.executor(), () -> due(armedFor), millis, TimeUnit.MILLISECONDS);
    }

    private void due(Phase armedFor) {
        timer = null;
        if (phase != armedFor || !ctx.channel().isActive()) {
            return;
        }
        long limit = TimeUnit.MILLISECONDS.toNanos(limit(phase));
        long since = phase == Phase.BODY ? lastRead : phaseStart;
        long left = limit - (now() - since);
        if (phase == Phase.BODY && !ctx.channel().config().isAutoRead()) {
            // Tack paused reading (the origin is slow to take the body): the client is not the one waiting.
            lastRead = now();
            left = limit;
        }
        if (left > 0) {
            arm(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            return;
        }
        switch (phase) {
            case IDLE -> {
                ConnectionLog.debug(log, ctx.channel(), null).log("closing idle keep-alive connection from {}",
                        ctx.channel().remoteAddress());
                ctx.channel().close();
            }
            case HEAD -> {
                ended("request head");
                ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
            }
            case BODY -> {
                ended("request body");
                ctx.channel().close();
            }
            default -> {
            }
        }
    }

    private void ended(String what) {
        metrics.connectionEnded(ClientTransport.HTTP, ConnectionFailure.TIMEOUT);
        ConnectionLog.debug(log, ctx.channel(), null).log("{} from {} too slow: closing the connection", what,
                ctx.channel().remoteAddress());
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private long now() {
        return time.nanoTime(ctx.executor());
    }
}
