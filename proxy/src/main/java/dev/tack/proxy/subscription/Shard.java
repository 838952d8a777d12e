package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The subscriptions of the connections that live on one event loop. Confined to that loop: every method
 * must be called from it, so nothing here takes a lock.
 *
 * <p>A subscriber may unsubscribe while a batch is being delivered to it (a {@code close} action ends its
 * stream); such changes are applied when the batch ends, so iteration never sees a half-changed set. One
 * subscriber that fails never keeps the item from the subscribers after it.
 */
public final class Shard {

    private static final Logger log = Logger.getLogger(Shard.class.getName());

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
                    if (deliverGuarded(subscriber, item)) {
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

    /**
     * One subscriber's delivery: a subscriber that fails (a bug, since items are validated when published) is
     * logged and skipped, and the next one still gets the item.
     */
    private static boolean deliverGuarded(Subscriber subscriber, PreparedItem item) {
        try {
            return subscriber.deliver(item.channel(), item);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "delivery on channel " + item.channel() + " to " + subscriber + " failed", e);
            return false;
        }
    }

    private void flushDirty() {
        flushScheduled = false;
        for (int i = 0; i < dirty.size(); i++) {
            try {
                dirty.get(i).flush();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "flush of " + dirty.get(i) + " failed", e);
            }
        }
        dirty.clear();
    }
}
