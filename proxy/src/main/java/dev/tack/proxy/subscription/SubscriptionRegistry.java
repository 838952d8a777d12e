package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Channel → subscribers, sharded by event loop (docs/architecture.md "A publish's way").
 *
 * <p>Each event loop owns a {@link Shard} holding the subscriptions of its own connections, so subscribing,
 * unsubscribing and delivering never take a lock. A publish is handed to every loop as one task; each loop
 * writes retained duplicates of the once-encoded bytes to its own subscribers and flushes once.
 */
public final class SubscriptionRegistry {

    /**
     * Published items waiting on one loop before newer publishes skip that loop: the bound that keeps a
     * publisher faster than the fan-out from filling the heap (Pushpin's {@code message_hwm} plays this part).
     */
    public static final int MAX_QUEUED_ITEMS_PER_LOOP = 100_000;

    private static final Logger log = Logger.getLogger(SubscriptionRegistry.class.getName());

    private final Map<EventExecutor, Shard> shards = new IdentityHashMap<>();
    private final List<Shard> shardList = new ArrayList<>();
    private final Map<Shard, AtomicInteger> queued = new IdentityHashMap<>();
    private final AtomicLong skipped = new AtomicLong();

    public SubscriptionRegistry(EventLoopGroup loops) {
        for (EventExecutor executor : loops) {
            Shard shard = new Shard((EventLoop) executor);
            shards.put(executor, shard);
            shardList.add(shard);
            queued.put(shard, new AtomicInteger());
        }
    }

    /** The shard of {@code loop}; use it only from that loop. */
    public Shard shard(EventExecutor loop) {
        Shard shard = shards.get(loop);
        if (shard == null) {
            throw new IllegalArgumentException("event loop " + loop + " is not one of the registry's loops");
        }
        return shard;
    }

    /**
     * Hands a batch of prepared items to every loop. Takes ownership of one reference of each item: the
     * registry releases it once every loop is done.
     *
     * @param deliveries called (on some event loop) with each loop's delivery count
     */
    public void publish(List<PreparedItem> items, LongConsumer deliveries) {
        try {
            for (Shard shard : shardList) {
                AtomicInteger backlog = queued.get(shard);
                if (backlog.get() >= MAX_QUEUED_ITEMS_PER_LOOP) {
                    if (skipped.getAndAdd(items.size()) % 10_000 == 0) {
                        log.warning("event loop " + shard.loop() + " has " + backlog.get()
                                + " published items waiting; skipping new publishes there (" + skipped.get()
                                + " items skipped so far)");
                    }
                    continue;
                }
                backlog.addAndGet(items.size());
                items.forEach(PreparedItem::retain);
                try {
                    shard.loop().execute(() -> {
                        try {
                            deliveries.accept(shard.deliver(items));
                        } finally {
                            backlog.addAndGet(-items.size());
                            items.forEach(PreparedItem::release);
                        }
                    });
                } catch (RejectedExecutionException shuttingDown) {
                    backlog.addAndGet(-items.size());
                    items.forEach(PreparedItem::release);
                }
            }
        } finally {
            items.forEach(PreparedItem::release);
        }
    }

    /** Counts channels and subscriptions over every shard (for tests, metrics and the log). */
    public CompletableFuture<Counts> counts() {
        List<CompletableFuture<Counts>> parts = new ArrayList<>();
        for (Shard shard : shardList) {
            CompletableFuture<Counts> part = new CompletableFuture<>();
            shard.loop().execute(() -> part.complete(new Counts(shard.channelCount(), shard.subscriptionCount())));
            parts.add(part);
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            int channels = 0;
            int subscriptions = 0;
            for (CompletableFuture<Counts> part : parts) {
                channels += part.join().channels();
                subscriptions += part.join().subscriptions();
            }
            return new Counts(channels, subscriptions);
        });
    }

    /** Published items skipped because a loop's backlog was full (for metrics). */
    public long skippedItems() {
        return skipped.get();
    }

    /** Channel entries (summed over shards: a channel held on two loops counts twice) and subscriptions. */
    public record Counts(int channels, int subscriptions) {
    }
}
