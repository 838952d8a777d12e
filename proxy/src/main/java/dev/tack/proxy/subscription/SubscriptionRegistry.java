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
import java.util.function.LongConsumer;

/**
 * Channel → subscribers, sharded by event loop (DESIGN.md "subscription registry").
 *
 * <p>Each event loop owns a {@link Shard} holding the subscriptions of its own connections, so subscribing,
 * unsubscribing and delivering never take a lock. A publish is handed to every loop as one task; each loop
 * writes retained duplicates of the once-encoded bytes to its own subscribers and flushes once.
 */
public final class SubscriptionRegistry {

    private final Map<EventExecutor, Shard> shards = new IdentityHashMap<>();
    private final List<Shard> shardList = new ArrayList<>();

    public SubscriptionRegistry(EventLoopGroup loops) {
        for (EventExecutor executor : loops) {
            Shard shard = new Shard((EventLoop) executor);
            shards.put(executor, shard);
            shardList.add(shard);
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
                items.forEach(PreparedItem::retain);
                try {
                    shard.loop().execute(() -> {
                        try {
                            deliveries.accept(shard.deliver(items));
                        } finally {
                            items.forEach(PreparedItem::release);
                        }
                    });
                } catch (RejectedExecutionException shuttingDown) {
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

    /** Channel entries (summed over shards: a channel held on two loops counts twice) and subscriptions. */
    public record Counts(int channels, int subscriptions) {
    }
}
