package dev.tack.proxy.publish;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns validated publish items into deliveries: encodes each item's formats once and hands the batch to
 * the registry, which writes it on every event loop. Used by the HTTP publish listener and the ZeroMQ
 * inputs alike.
 */
public final class PublishService {

    private static final Logger log = Logger.getLogger(PublishService.class.getName());

    private final SubscriptionRegistry registry;
    private final ByteBufAllocator alloc;
    private final TackMetrics metrics;
    private final Sequencer sequencer;
    private final EventExecutor timer;
    private final TimeSource time;

    /**
     * @param messageWaitMillis {@code message_wait}: how long an out-of-order item waits for its gap
     * @param idCacheTtlSeconds {@code id_cache_ttl}: how long an item id is remembered to drop repeats (0: off)
     * @param timer runs the once-a-second check for items that waited long enough
     * @param time the sequencer's clock and the source of that check's timer
     */
    public PublishService(SubscriptionRegistry registry, ByteBufAllocator alloc, TackMetrics metrics,
            long messageWaitMillis, long idCacheTtlSeconds, EventExecutor timer, TimeSource time) {
        this.registry = registry;
        this.alloc = alloc;
        this.metrics = metrics;
        this.timer = timer;
        this.time = time;
        this.sequencer = new Sequencer(messageWaitMillis, idCacheTtlSeconds,
                () -> TimeUnit.NANOSECONDS.toMillis(time.nanoTime(timer)));
        scheduleExpiry();
    }

    private void scheduleExpiry() {
        try {
            time.schedule(timer, () -> {
                try {
                    synchronized (sequencer) {
                        deliver(sequencer.expire());
                    }
                } finally {
                    scheduleExpiry();
                }
            }, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.fine("publish sequencer check stopped: the event loops are shutting down");
        }
    }

    /**
     * Publishes {@code items}: repeats are dropped, out-of-order items wait for their predecessor, the rest
     * go to the event loops in order. Returns once the batch is queued, not delivered (as Pushpin).
     */
    public void publish(List<PublishItem> items) {
        if (items.isEmpty()) {
            return;
        }
        metrics.messagesReceived(items.size());
        synchronized (sequencer) {
            // Ordering and handing over happen under one lock so that two publishers on different loops
            // cannot swap the order in which a channel's items reach the event loops.
            deliver(sequencer.accept(items));
        }
    }

    private void deliver(List<PublishItem> items) {
        if (items.isEmpty()) {
            return;
        }
        List<PreparedItem> prepared = new ArrayList<>(items.size());
        for (PublishItem item : items) {
            prepared.add(PreparedItem.prepare(item, alloc));
            if (log.isLoggable(Level.FINE)) {
                log.fine("publish channel=" + item.channel() + (item.id() == null ? "" : " id=" + item.id()));
            }
        }
        registry.publish(prepared, metrics::messagesSent);
    }
}
