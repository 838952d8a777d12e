package dev.tack.proxy.subscription;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of the connections that live on one event loop. Confined to that loop: every method
 * must be called from it, so nothing here takes a lock.
 *
 * <p>A subscriber may unsubscribe while a batch is being delivered to it (a {@code close} action ends its
 * stream); such changes are applied when the batch ends, so iteration never sees a half-changed set. One
 * subscriber that fails never keeps the item from the subscribers after it. A
 * channel's first subscriber on this loop and its last one leaving are reported to the node's
 * {@link ChannelInterest}.
 */
public final class Shard {

    private static final Logger log = LoggerFactory.getLogger(Shard.class);

    private final EventLoop loop;
    private final ChannelInterest interest;
    private final Map<String, Set<Subscriber>> byChannel = new HashMap<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private final List<Subscriber> dirty = new ArrayList<>();
    private final Runnable flushDirty = this::flushDirty;
    private boolean flushScheduled;
    private boolean delivering;
    private int subscriptions;

    Shard(EventLoop loop, ChannelInterest interest) {
        this.loop = loop;
        this.interest = interest;
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
        Set<Subscriber> set = byChannel.get(channel);
        if (set == null) {
            set = new LinkedHashSet<>();
            byChannel.put(channel, set);
            interest.shardOpened(channel);
        }
        boolean added = set.add(subscriber);
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
                interest.shardClosed(channel);
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
     * Delivers a batch of items (one publish request) to this loop's subscribers. The flush comes at the end of the
     * loop's run of tasks ({@link #scheduleFlush}), so under load many publishes share one flush (one write) per
     * subscriber. The items are borrowed.
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
                scheduleFlush();
            }
            applyDeferred();
        }
        return delivered;
    }

    /**
     * Runs a node-wide command on this loop's subscribers: {@code action} once for each distinct subscriber of
     * {@code channels} (of every channel when null) that {@code filter} accepts. A subscriber may unsubscribe
     * while this runs (a long-poll that re-asks its origin ends its hold); that is applied afterwards, as during a
     * delivery. A subscriber that throws is logged and counted as not handled; the others still run.
     *
     * @return how many subscribers were asked and how many handled it
     */
    SubscriptionRegistry.Reach apply(Collection<String> channels, Predicate<Subscriber> filter,
            Predicate<Subscriber> action) {
        assert loop.inEventLoop();
        Set<Subscriber> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long handled = 0;
        delivering = true;
        try {
            Collection<String> names = channels == null ? new ArrayList<>(byChannel.keySet()) : channels;
            for (String name : names) {
                Set<Subscriber> set = byChannel.get(name);
                if (set == null) {
                    continue;
                }
                for (Subscriber subscriber : set) {
                    if (filter.test(subscriber) && seen.add(subscriber) && handles(action, subscriber)) {
                        handled++;
                    }
                }
            }
        } finally {
            delivering = false;
            applyDeferred();
        }
        return new SubscriptionRegistry.Reach(seen.size(), handled);
    }

    private static boolean handles(Predicate<Subscriber> action, Subscriber subscriber) {
        try {
            return action.test(subscriber);
        } catch (RuntimeException e) {
            log.warn("subscriber " + subscriber + " failed on a node command", e);
            return false;
        }
    }

    /**
     * One subscriber's delivery: a subscriber that fails (a bug, since items are validated when published) is
     * logged and skipped, and the next one still gets the item.
     */
    private static boolean deliverGuarded(Subscriber subscriber, PreparedItem item) {
        try {
            return subscriber.deliver(item.channel(), item);
        } catch (RuntimeException e) {
            log.warn("delivery on channel " + item.channel() + " to " + subscriber + " failed", e);
            return false;
        }
    }

    private void applyDeferred() {
        if (!deferred.isEmpty()) {
            List<Runnable> changes = new ArrayList<>(deferred);
            deferred.clear();
            changes.forEach(Runnable::run);
        }
    }

    /**
     * The flush runs once the loop has run every task it has, those queued while this one ran included (Netty's tail
     * tasks), and before it waits for I/O again: publishes that other threads hand to this loop while it delivers
     * share the flush, and with it one write per subscriber. (Only I/O loops run tail tasks; others, such as the
     * benchmarks' {@code DefaultEventLoop}, get a task queued behind the publishes waiting.)
     */
    private void scheduleFlush() {
        if (loop instanceof SingleThreadIoEventLoop tasks) {
            tasks.executeAfterEventLoopIteration(flushDirty);
        } else {
            loop.execute(flushDirty);
        }
    }

    private void flushDirty() {
        flushScheduled = false;
        for (int i = 0; i < dirty.size(); i++) {
            try {
                dirty.get(i).flush();
            } catch (RuntimeException e) {
                log.warn("flush of " + dirty.get(i) + " failed", e);
            }
        }
        dirty.clear();
    }
}
