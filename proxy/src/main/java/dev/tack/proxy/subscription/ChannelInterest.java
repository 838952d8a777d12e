package dev.tack.proxy.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which channels this node listens on, summed over every event loop's {@link Shard}, turned into first/last
 * listener events for any number of {@link ChannelListener}s. The first subscriber on a channel anywhere on the
 * node opens it at once; when the last one leaves, the channel lingers ({@code [handler] subscription_linger},
 * Pushpin's 60 s) before it is closed, so that a long-poll client coming back for its next request does not make
 * the engine unsubscribe and subscribe again (docs/scale-out.md "Subscriptions").
 *
 * <p>With no listener registered (one node, local engine) nothing is tracked and a shard's call costs one read.
 * Lingering channels are closed by {@link #expireLingering()}, which the server runs once a second; time comes
 * from the clock given here, so tests drive it.
 */
public final class ChannelInterest {

    private static final Logger log = LoggerFactory.getLogger(ChannelInterest.class);
    private static final long NOT_LINGERING = Long.MIN_VALUE;

    /** How many shards hold the channel, and since when it has had none (while lingering). */
    private static final class Entry {
        int shards;
        long lingerSince = NOT_LINGERING;
    }

    private record Lingering(String channel, Entry entry, long since) {
    }

    private final ConcurrentHashMap<String, Entry> channels = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Lingering> lingering = new ConcurrentLinkedQueue<>();
    private final List<ChannelListener> listeners = new CopyOnWriteArrayList<>();
    private final long lingerNanos;
    private final LongSupplier nanoClock;

    /**
     * @param lingerNanos how long a channel without subscribers stays open (0: closes at once)
     * @param nanoClock monotonic nanoseconds
     */
    public ChannelInterest(long lingerNanos, LongSupplier nanoClock) {
        this.lingerNanos = lingerNanos;
        this.nanoClock = nanoClock;
    }

    /** An interest with no linger, for a registry that no engine watches (tests, benchmarks). */
    public static ChannelInterest untracked() {
        return new ChannelInterest(0, System::nanoTime);
    }

    /** Adds a listener; do it before the first connection, as channels opened earlier are not replayed. */
    public void addListener(ChannelListener listener) {
        listeners.add(listener);
    }

    /** Whether any listener is registered, i.e. whether channels are tracked at all. */
    public boolean tracked() {
        return !listeners.isEmpty();
    }

    /** The channels open now (those lingering included); a snapshot. */
    public Set<String> channels() {
        return Set.copyOf(channels.keySet());
    }

    /** How many channels are open now (those lingering included). */
    public int size() {
        return channels.size();
    }

    /** A shard got its first subscriber on {@code channel}. */
    void shardOpened(String channel) {
        if (listeners.isEmpty()) {
            return;
        }
        channels.compute(channel, (name, entry) -> {
            if (entry == null) {
                entry = new Entry();
                fire(name, true);
            }
            entry.shards++;
            entry.lingerSince = NOT_LINGERING;
            return entry;
        });
    }

    /** A shard lost its last subscriber on {@code channel}. */
    void shardClosed(String channel) {
        if (listeners.isEmpty()) {
            return;
        }
        channels.computeIfPresent(channel, (name, entry) -> {
            if (--entry.shards > 0) {
                return entry;
            }
            if (lingerNanos <= 0) {
                fire(name, false);
                return null;
            }
            entry.lingerSince = nanoClock.getAsLong();
            lingering.add(new Lingering(name, entry, entry.lingerSince));
            return entry;
        });
    }

    /** Closes the channels that have lingered long enough; returns how many it closed. */
    public int expireLingering() {
        long now = nanoClock.getAsLong();
        List<String> closed = new ArrayList<>();
        Lingering head;
        while ((head = lingering.peek()) != null && now - head.since() >= lingerNanos) {
            lingering.poll();
            Lingering candidate = head;
            channels.computeIfPresent(candidate.channel(), (name, entry) -> {
                if (entry != candidate.entry() || entry.shards > 0 || entry.lingerSince != candidate.since()) {
                    return entry;
                }
                fire(name, false);
                closed.add(name);
                return null;
            });
        }
        return closed.size();
    }

    private void fire(String channel, boolean opened) {
        for (ChannelListener listener : listeners) {
            try {
                if (opened) {
                    listener.channelOpened(channel);
                } else {
                    listener.channelClosed(channel);
                }
            } catch (RuntimeException e) {
                log.error("channel listener " + listener + " failed on " + (opened ? "open" : "close")
                        + " of channel " + channel, e);
            }
        }
    }
}
