package dev.tack.proxy.server;

import dev.tack.proxy.session.GoingAway;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful drain of the client connections open when Tack is asked to stop (docs/reliability.md "Graceful
 * drain"): each gets {@link GoingAway} at its own moment, the moments spread evenly, in random order, over the drain
 * window, so that the clients do not all reconnect at the same instant; idle keep-alive connections close at once
 * ({@link GoingAway#IDLE_ONLY}). A connection's handlers end it cleanly
 * (WebSocket close 1001, a stream's terminating chunk, a long-poll's timeout answer). What is still open
 * {@value #GRACE_SECONDS} s after the window (a client that never answers its close frame) is closed outright.
 */
final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);
    /** Time after the window for the last closing handshakes (the WebSocket close wait is 5 s). */
    static final int GRACE_SECONDS = 6;

    private Drain() {
    }

    /**
     * Starts draining {@code connections} over {@code windowMillis}.
     *
     * @param timer an event loop that stays up through the drain: it runs the final close
     * @return completes once every connection has closed
     */
    static CompletableFuture<Void> start(List<Channel> connections, long windowMillis, TimeSource time,
            EventExecutor timer) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<Channel> order = new ArrayList<>(connections);
        Collections.shuffle(order, ThreadLocalRandom.current());
        AtomicInteger open = new AtomicInteger(order.size());
        if (order.isEmpty()) {
            done.complete(null);
            return done;
        }
        log.info("draining {} client connections over {} ms", order.size(), windowMillis);
        for (Channel channel : order) {
            channel.closeFuture().addListener(f -> {
                if (open.decrementAndGet() == 0) {
                    done.complete(null);
                }
            });
            // Idle keep-alive connections go at once: no client waits on them, so none reconnects because of it.
            channel.eventLoop().execute(() -> channel.pipeline().fireUserEventTriggered(GoingAway.IDLE_ONLY));
        }
        for (int i = 0; i < order.size(); i++) {
            Channel channel = order.get(i);
            long at = windowMillis * i / order.size();
            time.schedule(channel.eventLoop(), () -> {
                if (channel.isActive()) {
                    channel.pipeline().fireUserEventTriggered(GoingAway.NOW);
                }
            }, at, TimeUnit.MILLISECONDS);
        }
        time.schedule(timer, () -> {
            if (!done.isDone()) {
                log.info("drain window over: closing the {} client connections still open", open.get());
                order.forEach(Channel::close);
            }
        }, windowMillis + TimeUnit.SECONDS.toMillis(GRACE_SECONDS), TimeUnit.MILLISECONDS);
        return done;
    }
}
