package dev.tack.proxy.server;

import dev.tack.proxy.time.TimeSource;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits on a listener's own pipeline and keeps a failing {@code accept} from spinning (docs/reliability.md
 * "Descriptors"). When the process or the system runs out of file descriptors ({@code EMFILE}, {@code ENFILE}), every
 * accept fails at once and keeps failing while clients wait in the backlog. Left alone, Netty's NIO and epoll
 * acceptors pause one second per failure and log each with a stack trace; its io_uring acceptor keeps re-submitting
 * the accept, about 200,000 failures a second, each one a stack trace in the log.
 *
 * <p>Here, as nginx does, a failure pauses accepting, first for {@value #FIRST_PAUSE_MILLIS} ms, doubling up to
 * {@value #MAX_PAUSE_MILLIS} ms while failures go on; the first accept that works ends the back-off. And, as libuv
 * does, one descriptor is kept in reserve: on a failure it is given up so that the next accept works, and that
 * connection is closed at once (the client sees a reset and retries later) before the reserve is taken back. So each
 * failure drains one waiting client from the backlog, and once the backlog is empty the accept waits quietly instead
 * of failing again, whatever the transport does with a paused listener (io_uring keeps its accept submitted). One
 * warning per {@value #LOG_INTERVAL_SECONDS} s at most says how many failed and why; {@code
 * tack_accept_failures_total} counts them. The exception stops here, so Netty's own pause and its
 * tail-of-pipeline warning never happen.
 */
final class AcceptGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AcceptGuard.class);
    static final long FIRST_PAUSE_MILLIS = 10;
    static final long MAX_PAUSE_MILLIS = 1000;
    static final int LOG_INTERVAL_SECONDS = 10;
    private static final Path RESERVE = Path.of("/dev/null");

    private final TimeSource time;
    private final Counter failures;
    private final LongSupplier openConnections;
    private final int maxConnections;
    private final Consumer<Channel> accepted;
    private FileChannel reserve;
    private boolean shedNext;
    private long pauseMillis;
    private boolean paused;
    private long failedSinceLog;
    private long shedSinceLog;
    private long lastLogNanos;
    /** A warning went out at some point: the next waits for {@link #LOG_INTERVAL_SECONDS} after it. */
    private boolean warned;
    /** A warning went out since accepting last worked again: the recovery gets its line. */
    private boolean logged;

    /**
     * @param failures {@code tack_accept_failures_total}
     * @param openConnections client connections open now, for the warning
     * @param maxConnections {@code client_maxconn}, for the warning
     * @param accepted told about every connection accepted (the server keeps them, to close them when it stops)
     */
    AcceptGuard(TimeSource time, Counter failures, LongSupplier openConnections, int maxConnections,
            Consumer<Channel> accepted) {
        this.time = time;
        this.failures = failures;
        this.openConnections = openConnections;
        this.maxConnections = maxConnections;
        this.accepted = accepted;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        takeReserve();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        giveUpReserve();
        ctx.fireChannelInactive();
    }

    /**
     * A connection was accepted. Right after a failure it is shed, unless the reserve descriptor can be taken back
     * alongside it (then descriptors are free again); otherwise the back-off ends.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && (paused || shedNext) && !takeReserve()) {
            child.unsafe().closeForcibly();
            shedNext = false;
            shedSinceLog++;
            takeReserve();
            return;
        }
        shedNext = false;
        if (pauseMillis > 0) {
            pauseMillis = 0;
            if (logged) {
                log.info("accepting connections on {} again ({} more accepts failed and {} waiting clients were "
                        + "turned away since the last warning)", ctx.channel().localAddress(), failedSinceLog,
                        shedSinceLog);
                failedSinceLog = 0;
                shedSinceLog = 0;
                logged = false;
            }
        }
        if (msg instanceof Channel child) {
            accepted.accept(child);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failures.increment();
        failedSinceLog++;
        if (reserve != null) {
            // Lets the next accept work, so that one waiting client leaves the backlog (see the class comment).
            giveUpReserve();
            shedNext = true;
        }
        long now = time.nanoTime(ctx.executor());
        // Spaced by the interval even across recoveries: accepts that fail, work for a moment and fail again (a
        // descriptor freed and taken at once) would otherwise warn at each round.
        if (!warned || now - lastLogNanos >= TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS)) {
            log.warn("accepting connections on {} fails: {} ({} failures, {} waiting clients turned away since the "
                    + "last warning); pausing accepts, up to {} ms at a time, until one works. {} client connections "
                    + "open (client_maxconn {}); raise the descriptor limit (ulimit -n) or lower client_maxconn",
                    ctx.channel().localAddress(), cause instanceof IOException ? cause.getMessage() : cause.toString(),
                    failedSinceLog, shedSinceLog, MAX_PAUSE_MILLIS, openConnections.getAsLong(), maxConnections);
            lastLogNanos = now;
            warned = true;
            logged = true;
            failedSinceLog = 0;
            shedSinceLog = 0;
        }
        if (paused) {
            return;
        }
        pauseMillis = pauseMillis == 0 ? FIRST_PAUSE_MILLIS : Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
        paused = true;
        ctx.channel().config().setAutoRead(false);
        time.schedule(ctx.executor(), () -> {
            paused = false;
            if (ctx.channel().isOpen()) {
                ctx.channel().config().setAutoRead(true);
            }
        }, pauseMillis, TimeUnit.MILLISECONDS);
    }

    /** Takes the reserve descriptor if it is not held; returns whether it is held now. */
    private boolean takeReserve() {
        if (reserve == null) {
            try {
                reserve = FileChannel.open(RESERVE);
            } catch (IOException | UnsupportedOperationException e) {
                reserve = null; // still short of descriptors (or no /dev/null): tried again after the next shed
            }
        }
        return reserve != null;
    }

    private void giveUpReserve() {
        if (reserve != null) {
            try {
                reserve.close();
            } catch (IOException e) {
                log.debug("closing the reserve descriptor failed: {}", e.toString());
            }
            reserve = null;
        }
    }
}
