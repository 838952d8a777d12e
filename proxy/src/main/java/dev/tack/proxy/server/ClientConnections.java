package dev.tack.proxy.server;

import dev.tack.proxy.metrics.ClientTransport;
import dev.tack.proxy.metrics.ConnectionFailure;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client connections open now, on every client listener: admits a new one while fewer than {@code
 * client_maxconn} are open (docs/reliability.md "Limits"), and lists them for the graceful drain. A connection over
 * the limit is refused with 503 by {@link OverLimitHandler}, counted ({@code tack_connection_failures_total{reason=
 * "over_limit"}}) and logged once per {@value #LOG_INTERVAL_SECONDS} s at most. Thread-safe.
 */
final class ClientConnections {

    private static final Logger log = LoggerFactory.getLogger(ClientConnections.class);
    static final int LOG_INTERVAL_SECONDS = 10;

    private final int max;
    private final TackMetrics metrics;
    private final TimeSource time;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong(Long.MIN_VALUE);

    ClientConnections(int max, TackMetrics metrics, TimeSource time) {
        this.max = max;
        this.metrics = metrics;
        this.time = time;
    }

    /**
     * Counts {@code channel} in when there is room, until it closes.
     *
     * @return false when {@code client_maxconn} connections are open: the caller refuses this one
     */
    boolean admit(Channel channel) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            refused(channel);
            return false;
        }
        open.add(channel);
        channel.closeFuture().addListener(f -> {
            open.remove(channel);
            count.decrementAndGet();
        });
        return true;
    }

    private void refused(Channel channel) {
        metrics.connectionEnded(ClientTransport.HTTP, ConnectionFailure.OVER_LIMIT);
        long refused = refusedSinceLog.incrementAndGet();
        long now = time.nanoTime(channel.eventLoop());
        long last = lastLogNanos.get();
        if ((last == Long.MIN_VALUE || now - last >= TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS))
                && lastLogNanos.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-refused);
            log.warn("client_maxconn {} reached: {} new connection(s) refused with 503 since the last warning",
                    max, refused);
        }
    }

    /** Client connections open now. */
    int count() {
        return count.get();
    }

    int max() {
        return max;
    }

    /** A copy of the open connections (for the drain). */
    List<Channel> snapshot() {
        return List.copyOf(open);
    }
}
