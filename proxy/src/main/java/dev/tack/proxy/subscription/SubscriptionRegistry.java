package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel → subscribers, sharded by event loop (docs/architecture.md "A publish's way").
 *
 * <p>Each event loop owns a {@link Shard} holding the subscriptions of its own connections, so subscribing,
 * unsubscribing and delivering never take a lock. A publish is handed to every loop as one task; each loop
 * writes retained duplicates of the once-encoded bytes to its own subscribers and flushes once.
 *
 * <p>Which channels the node listens on, as first/last listener events, comes from {@link #interest()}; node-wide
 * commands reach subscribers through {@link #recover}, {@link #refresh}, {@link #refreshConnection} and
 * {@link #closeConnection}.
 */
public final class SubscriptionRegistry {

    /**
     * Published items waiting on one loop before newer publishes skip that loop: the bound that keeps a
     * publisher faster than the fan-out from filling the heap (Pushpin's {@code message_hwm} plays this part).
     */
    public static final int MAX_QUEUED_ITEMS_PER_LOOP = 100_000;
    /**
     * The same bound in bytes ({@link PreparedItem#size()}): 100,000 items of up to 1 MB each would otherwise be
     * 100 GB (docs/reliability.md "Slow consumers").
     */
    public static final long MAX_QUEUED_BYTES_PER_LOOP = 64L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRegistry.class);

    private final Map<EventExecutor, Shard> shards = new IdentityHashMap<>();
    private final List<Shard> shardList = new ArrayList<>();
    private final Map<Shard, AtomicInteger> queued = new IdentityHashMap<>();
    private final Map<Shard, AtomicLong> queuedBytes = new IdentityHashMap<>();
    private final long maxQueuedBytes;
    private final AtomicLong skipped = new AtomicLong();
    private final ChannelInterest interest;
    private volatile ItemWatcher watcher = ItemWatcher.NONE;

    /** A registry whose channels nobody watches (one node on the local engine, tests, benchmarks). */
    public SubscriptionRegistry(EventLoopGroup loops) {
        this(loops, ChannelInterest.untracked());
    }

    public SubscriptionRegistry(EventLoopGroup loops, ChannelInterest interest) {
        this(loops, interest, MAX_QUEUED_BYTES_PER_LOOP);
    }

    /** @param maxQueuedBytes bytes of published items that may wait on one loop before newer publishes skip it */
    public SubscriptionRegistry(EventLoopGroup loops, ChannelInterest interest, long maxQueuedBytes) {
        this.interest = interest;
        this.maxQueuedBytes = maxQueuedBytes;
        for (EventExecutor executor : loops) {
            Shard shard = new Shard((EventLoop) executor, interest);
            shards.put(executor, shard);
            shardList.add(shard);
            queued.put(shard, new AtomicInteger());
            queuedBytes.put(shard, new AtomicLong());
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
            long size = 0;
            ItemWatcher told = watcher;
            for (int i = 0; i < items.size(); i++) {
                PreparedItem item = items.get(i);
                size += item.size();
                told.published(item.item());
            }
            long bytes = size;
            for (Shard shard : shardList) {
                AtomicInteger backlog = queued.get(shard);
                AtomicLong backlogBytes = queuedBytes.get(shard);
                if (backlog.get() >= MAX_QUEUED_ITEMS_PER_LOOP || backlogBytes.get() + bytes > maxQueuedBytes) {
                    if (skipped.getAndAdd(items.size()) % 10_000 == 0) {
                        log.warn("event loop " + shard.loop() + " has " + backlog.get() + " published items ("
                                + backlogBytes.get() + " bytes) waiting; skipping new publishes there ("
                                + skipped.get() + " items skipped so far)");
                    }
                    continue;
                }
                backlog.addAndGet(items.size());
                backlogBytes.addAndGet(bytes);
                items.forEach(PreparedItem::retain);
                try {
                    shard.loop().execute(() -> {
                        try {
                            deliveries.accept(shard.deliver(items));
                        } finally {
                            backlog.addAndGet(-items.size());
                            backlogBytes.addAndGet(-bytes);
                            items.forEach(PreparedItem::release);
                        }
                    });
                } catch (RejectedExecutionException shuttingDown) {
                    backlog.addAndGet(-items.size());
                    backlogBytes.addAndGet(-bytes);
                    items.forEach(PreparedItem::release);
                }
            }
        } finally {
            items.forEach(PreparedItem::release);
        }
    }

    /** The node's channels with listeners, and their first/last listener events. */
    public ChannelInterest interest() {
        return interest;
    }

    /**
     * Sets the one watcher told of every published item and every recover (see {@link ItemWatcher}); set it before
     * the first publish.
     */
    public void watch(ItemWatcher value) {
        watcher = value == null ? ItemWatcher.NONE : value;
    }

    /**
     * Pushpin's {@code recover}: the last ids of {@code channels} (of every channel when null) no longer count, and
     * every subscriber of them is asked to {@link Subscriber#recover()}.
     */
    public CompletableFuture<Reach> recover(Collection<String> channels) {
        watcher.recovered(channels == null ? null : List.copyOf(channels));
        return apply(channels, s -> true, Subscriber::recover);
    }

    /**
     * Asks every subscriber of {@code channel} to re-sync through its origin ({@link Subscriber#recover()}) without
     * forgetting any last id: Pushpin's update about a second after a channel's first subscriber
     * ({@code update_on_first_subscription}).
     */
    public CompletableFuture<Reach> update(String channel) {
        return apply(List.of(channel), s -> true, Subscriber::recover);
    }

    /** Asks every subscriber of {@code channel} to {@link Subscriber#refresh()}. */
    public CompletableFuture<Reach> refresh(String channel) {
        return apply(List.of(channel), s -> true, Subscriber::refresh);
    }

    /** Asks the subscriber whose {@link Subscriber#connectionId()} is {@code connectionId} to refresh. */
    public CompletableFuture<Reach> refreshConnection(String connectionId) {
        return apply(null, s -> connectionId.equals(s.connectionId()), Subscriber::refresh);
    }

    /** Asks the subscriber whose {@link Subscriber#connectionId()} is {@code connectionId} to close. */
    public CompletableFuture<Reach> closeConnection(String connectionId) {
        return apply(null, s -> connectionId.equals(s.connectionId()), Subscriber::closeConnection);
    }

    /**
     * Which of {@code connectionIds} belong to a subscriber on this node now ({@link Subscriber#connectionId()}),
     * for the command socket's {@code conncheck}. A connection that holds no subscription is not found.
     */
    public CompletableFuture<Set<String>> openConnections(Collection<String> connectionIds) {
        Set<String> wanted = Set.copyOf(connectionIds);
        Set<String> found = ConcurrentHashMap.newKeySet();
        return apply(null, s -> s.connectionId() != null && wanted.contains(s.connectionId()), s -> {
            found.add(s.connectionId());
            return true;
        }).thenApply(reach -> Set.copyOf(found));
    }

    private CompletableFuture<Reach> apply(Collection<String> channels, Predicate<Subscriber> filter,
            Predicate<Subscriber> action) {
        Collection<String> names = channels == null ? null : List.copyOf(channels);
        List<CompletableFuture<Reach>> parts = new ArrayList<>();
        for (Shard shard : shardList) {
            CompletableFuture<Reach> part = new CompletableFuture<>();
            try {
                shard.loop().execute(() -> part.complete(shard.apply(names, filter, action)));
            } catch (RejectedExecutionException shuttingDown) {
                part.complete(new Reach(0, 0));
            }
            parts.add(part);
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> parts.stream()
                .map(CompletableFuture::join).reduce(new Reach(0, 0), Reach::plus));
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

    /**
     * The channels with the most subscribers, most first, at most {@code limit} (for the status page). Each
     * loop reports its own top {@code limit}, and a channel's counts from several loops are added up, so a
     * channel spread thinly over many loops may rank lower than it should.
     */
    public CompletableFuture<List<ChannelCount>> topChannels(int limit) {
        List<CompletableFuture<List<ChannelCount>>> parts = new ArrayList<>();
        for (Shard shard : shardList) {
            CompletableFuture<List<ChannelCount>> part = new CompletableFuture<>();
            shard.loop().execute(() -> part.complete(shard.topChannels(limit)));
            parts.add(part);
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Integer> sums = new HashMap<>();
            for (CompletableFuture<List<ChannelCount>> part : parts) {
                part.join().forEach(c -> sums.merge(c.channel(), c.subscribers(), Integer::sum));
            }
            return sums.entrySet().stream().map(e -> new ChannelCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingInt(ChannelCount::subscribers).reversed()
                            .thenComparing(ChannelCount::channel))
                    .limit(limit).toList();
        });
    }

    /** Published items skipped because a loop's backlog was full (for metrics). */
    public long skippedItems() {
        return skipped.get();
    }

    /**
     * What a node-wide command reached on this node.
     *
     * @param subscribers subscribers the command was given to
     * @param handled those that acted on it; the others do not support it (the {@link Subscriber} defaults)
     */
    public record Reach(long subscribers, long handled) {
        public long unsupported() {
            return subscribers - handled;
        }

        Reach plus(Reach other) {
            return new Reach(subscribers + other.subscribers, handled + other.handled);
        }
    }

    /** Channel entries (summed over shards: a channel held on two loops counts twice) and subscriptions. */
    public record Counts(int channels, int subscriptions) {
    }
}
