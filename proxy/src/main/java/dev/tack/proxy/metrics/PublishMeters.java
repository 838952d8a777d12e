package dev.tack.proxy.metrics;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.OutboxEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Publishes and what became of them: {@code tack_publish_items_total{source}},
 * {@code tack_publish_formats_total{format}}, {@code tack_publish_rejected_total{source}},
 * {@code tack_deliveries_total{format}}, {@code tack_drops_total{reason}} and
 * {@code tack_outbox_queued_messages} (messages waiting in every slow client's outbox). Never a channel name as a
 * label: channels are unbounded, and the status page lists the busiest ones instead.
 */
final class PublishMeters implements OutboxEvents {
    private final MeterRegistry registry;
    private final Map<PublishSource, Counter> items = new EnumMap<>(PublishSource.class);
    private final Map<PublishSource, Counter> rejected = new EnumMap<>(PublishSource.class);
    private final Map<DeliveryFormat, Counter> formats = new EnumMap<>(DeliveryFormat.class);
    /**
     * Counted once per delivery on every event loop at once: a plain adder per format (each loop soon gets a cell of
     * its own), read when the registry is scraped, costs a fraction of a {@code Counter}'s floating-point one.
     */
    private final Map<DeliveryFormat, LongAdder> deliveries = new EnumMap<>(DeliveryFormat.class);
    private final Map<DropReason, Counter> drops = new EnumMap<>(DropReason.class);
    private final Map<DropReason, LongSupplier> countedElsewhere = new EnumMap<>(DropReason.class);
    private final LongAdder outboxQueued = new LongAdder();

    PublishMeters(MeterRegistry registry) {
        this.registry = registry;
        for (PublishSource source : PublishSource.values()) {
            items.put(source, Counter.builder("tack.publish.items").tag("source", source.label())
                    .description("Items published, by input").register(registry));
            rejected.put(source, Counter.builder("tack.publish.rejected").tag("source", source.label())
                    .description("Publish requests refused (bad item, bad credentials, too large)").register(registry));
        }
        for (DeliveryFormat format : DeliveryFormat.values()) {
            formats.put(format, Counter.builder("tack.publish.formats").tag("format", format.label())
                    .description("Formats carried by published items").register(registry));
            LongAdder delivered = new LongAdder();
            deliveries.put(format, delivered);
            FunctionCounter.builder("tack.deliveries", delivered, LongAdder::sum).tag("format", format.label())
                    .description("Items written to subscribers, by format").register(registry);
        }
        for (DropReason reason : DropReason.values()) {
            if (reason != DropReason.LOOP_BACKLOG) {
                drops.put(reason, drops(reason));
            }
        }
        Gauge.builder("tack.outbox.queued", outboxQueued::sum).baseUnit("messages")
                .description("Messages waiting in slow clients' outboxes").register(registry);
    }

    private Counter drops(DropReason reason) {
        return Counter.builder("tack.drops").tag("reason", reason.label())
                .description("Published items that did not reach a subscriber, by reason").register(registry);
    }

    void published(PublishSource source, List<PublishItem> published) {
        items.get(source).increment(published.size());
        for (PublishItem item : published) {
            if (item.httpResponse() != null) {
                formats.get(DeliveryFormat.HTTP_RESPONSE).increment();
            }
            if (item.httpStream() != null) {
                formats.get(DeliveryFormat.HTTP_STREAM).increment();
            }
            if (item.wsMessage() != null) {
                formats.get(DeliveryFormat.WS_MESSAGE).increment();
            }
        }
    }

    void rejected(PublishSource source) {
        rejected.get(source).increment();
    }

    void delivered(DeliveryFormat format, long count) {
        deliveries.get(format).add(count);
    }

    void dropped(DropReason reason, long count) {
        Counter counter = drops.get(reason);
        if (counter != null) {
            counter.increment(count);
        }
    }

    /** Exposes a drop count another component keeps (the registry's skipped items) under {@code reason}. */
    void countedElsewhere(DropReason reason, LongSupplier total) {
        Counter own = drops.remove(reason);
        if (own != null) {
            registry.remove(own);
        }
        countedElsewhere.put(reason, total);
        FunctionCounter.builder("tack.drops", total, t -> t.getAsLong()).tag("reason", reason.label())
                .description("Published items that did not reach a subscriber, by reason").register(registry);
    }

    @Override
    public void dropped(int count) {
        dropped(DropReason.OUTBOX_FULL, count);
    }

    @Override
    public void queued(int delta) {
        outboxQueued.add(delta);
    }

    long outboxQueued() {
        return outboxQueued.sum();
    }

    long items() {
        double sum = 0;
        for (Counter counter : items.values()) {
            sum += counter.count();
        }
        return (long) sum;
    }

    long rejected() {
        double sum = 0;
        for (Counter counter : rejected.values()) {
            sum += counter.count();
        }
        return (long) sum;
    }

    Map<DropReason, Long> drops() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        drops.forEach((reason, counter) -> out.put(reason, (long) counter.count()));
        countedElsewhere.forEach((reason, total) -> out.put(reason, total.getAsLong()));
        return out;
    }
}
