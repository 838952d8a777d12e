package dev.tack.proxy.publish;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns validated publish items into deliveries: encodes each item's formats once and hands the batch to
 * the registry, which writes it on every event loop. Used by the HTTP publish listener and the ZeroMQ
 * inputs alike.
 */
public final class PublishService {

    private static final Logger log = LoggerFactory.getLogger(PublishService.class);

    private final SubscriptionRegistry registry;
    private final ByteBufAllocator alloc;
    private final TackMetrics metrics;
    private final Sequencer sequencer;

    /**
     * @param messageWaitMillis {@code message_wait}: how long an out-of-order item waits for its gap
     * @param idCacheTtlSeconds {@code id_cache_ttl}: how long an item id is remembered to drop repeats (0: off)
     * @param timer runs the once-a-second check for items that waited long enough
     */
    public PublishService(SubscriptionRegistry registry, ByteBufAllocator alloc, TackMetrics metrics,
            long messageWaitMillis, long idCacheTtlSeconds, ScheduledExecutorService timer) {
        this.registry = registry;
        this.alloc = alloc;
        this.metrics = metrics;
        this.sequencer = new Sequencer(messageWaitMillis, idCacheTtlSeconds, () -> System.nanoTime() / 1_000_000,
                metrics::dropped);
        timer.scheduleWithFixedDelay(() -> {
            synchronized (sequencer) {
                deliver(sequencer.expire());
            }
        }, 1, 1, TimeUnit.SECONDS);
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
            if (log.isDebugEnabled()) {
                log.debug("publish channel=" + item.channel() + (item.id() == null ? "" : " id=" + item.id()));
            }
        }
        registry.publish(prepared, metrics::messagesSent);
    }
}
