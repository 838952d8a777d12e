package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final Set<Subscriber> dirtySet = new java.util.HashSet<>();
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
     * Delivers a batch of items (one publish request) to this loop's subscribers, then flushes each
     * subscriber that wrote something exactly once. The items are borrowed.
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
                    if (subscriber.deliver(item.channel(), item) && dirtySet.add(subscriber)) {
                        dirty.add(subscriber);
                    }
                }
            }
        } finally {
            delivering = false;
            for (Subscriber subscriber : dirty) {
                subscriber.flush();
            }
            dirty.clear();
            dirtySet.clear();
            if (!deferred.isEmpty()) {
                List<Runnable> changes = new ArrayList<>(deferred);
                deferred.clear();
                changes.forEach(Runnable::run);
            }
        }
        return delivered;
    }
}
