package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The subscriptions of the connections that live on one event loop. Confined to that loop: every method
 * must be called from it, so nothing here takes a lock.
 *
 * <p>A subscriber may unsubscribe while a batch is being delivered to it (a {@code close} action ends its
 * stream); such changes are applied when the batch ends, so iteration never sees a half-changed set.
 */
public final class Shard {

    private final EventLoop loop;
    private final Map<String, Set<Subscriber>> byChannel = new HashMap<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private final List<Subscriber> dirty = new ArrayList<>();
    private final Runnable flushDirty = this::flushDirty;
    private boolean flushScheduled;
    private boolean delivering;
    private int subscriptions;

    Shard(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop loop() {
        return loop;
    }

    /** Adds {@code subscriber} to {@code channel}; returns false if it was already there. */
    public boolean subscribe(String channel, Subscriber subscriber) {
        assert loop.inEventLoop();
        if (delivering) {
            deferred.add(() -> subscribe(channel, subscriber));
            return true;
        }
        boolean added = byChannel.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(subscriber);
        if (added) {
            subscriptions++;
        }
        return added;
    }

    /** Removes {@code subscriber} from {@code channel}; the channel disappears with its last subscriber. */
    public void unsubscribe(String channel, Subscriber subscriber) {
        assert loop.inEventLoop();
        if (delivering) {
            deferred.add(() -> unsubscribe(channel, subscriber));
            return;
        }
        Set<Subscriber> set = byChannel.get(channel);
        if (set != null && set.remove(subscriber)) {
            subscriptions--;
            if (set.isEmpty()) {
                byChannel.remove(channel);
            }
        }
    }

    public boolean hasSubscribers(String channel) {
        return byChannel.containsKey(channel);
    }

    public int channelCount() {
        return byChannel.size();
    }

    public int subscriptionCount() {
        return subscriptions;
    }

    /**
     * The {@code limit} channels with the most subscribers on this loop, most first (for the status page). One
     * pass over the loop's channels keeping a heap of {@code limit} entries: cost grows with the channel count,
     * memory with {@code limit} only.
     */
    public List<ChannelCount> topChannels(int limit) {
        assert loop.inEventLoop();
        Comparator<ChannelCount> fewestFirst = Comparator.comparingInt(ChannelCount::subscribers);
        PriorityQueue<ChannelCount> top = new PriorityQueue<>(limit + 1, fewestFirst);
        for (Map.Entry<String, Set<Subscriber>> entry : byChannel.entrySet()) {
            int size = entry.getValue().size();
            if (top.size() < limit || (limit > 0 && size > top.peek().subscribers())) {
                top.add(new ChannelCount(entry.getKey(), size));
                if (top.size() > limit) {
                    top.poll();
                }
            }
        }
        List<ChannelCount> out = new ArrayList<>(top);
        out.sort(fewestFirst.reversed());
        return out;
    }

    /**
     * Delivers a batch of items (one publish request) to this loop's subscribers. The flush comes from a task
     * queued behind the publishes already waiting on this loop, so under load many publishes share one flush
     * (one {@code writev}) per subscriber. The items are borrowed.
     *
     * @return how many deliveries were made
     */
    long deliver(List<PreparedItem> items) {
        long delivered = 0;
        delivering = true;
        try {
            for (PreparedItem item : items) {
                Set<Subscriber> set = byChannel.get(item.channel());
                if (set == null) {
                    continue;
                }
                for (Subscriber subscriber : set) {
                    delivered++;
                    if (subscriber.deliver(item.channel(), item)) {
                        dirty.add(subscriber);
                    }
                }
            }
        } finally {
            delivering = false;
            if (!dirty.isEmpty() && !flushScheduled) {
                flushScheduled = true;
                loop.execute(flushDirty);
            }
            if (!deferred.isEmpty()) {
                List<Runnable> changes = new ArrayList<>(deferred);
                deferred.clear();
                changes.forEach(Runnable::run);
            }
        }
        return delivered;
    }

    private void flushDirty() {
        flushScheduled = false;
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }
}
