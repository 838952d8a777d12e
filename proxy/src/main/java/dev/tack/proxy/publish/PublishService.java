package dev.tack.proxy.publish;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
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

    public PublishService(SubscriptionRegistry registry, ByteBufAllocator alloc, TackMetrics metrics) {
        this.registry = registry;
        this.alloc = alloc;
        this.metrics = metrics;
    }

    /** Publishes {@code items} in order. Returns once the batch is queued, not delivered (as Pushpin). */
    public void publish(List<PublishItem> items) {
        if (items.isEmpty()) {
            return;
        }
        metrics.messagesReceived(items.size());
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
