package dev.tack.proxy.publish;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.EngineEvent;
import dev.tack.proxy.engine.EngineListener;
import dev.tack.proxy.engine.NodeCommand;
import dev.tack.proxy.history.History;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the engine: what arrives for the channels it listens on is sequenced (repeats dropped,
 * out-of-order items held back, docs/scale-out.md "Sequencing"), encoded once per format and handed to the
 * registry; node-wide commands go to the subscribers through the registry's hooks; and when the engine comes
 * back after an outage, Pushpin's {@code recover} runs on the channels that were subscribed again.
 *
 * <p>Sequencing happens here, on each receiving node, and not where the publish came in: every node sees a
 * channel's items in the engine's one order, whichever node each was published to, so {@code prev-id} and id
 * repeats behave as on a single node.
 *
 * <p>Publishes arrive on the event loops (HTTP publish connections, a bus engine's lanes) and the ZeroMQ threads at
 * once. A channel's state lives in one of {@value #STRIPES} stripes, chosen by the channel's hash, each with its own
 * {@link Sequencer} and lock: publishes to channels of different stripes never wait for each other, so concurrent
 * publishers do not stall the event loops they run on (docs/reliability.md "Publishing under load"). A batch takes
 * the locks of the stripes it touches, in stripe order (no deadlock), and keeps its items' order across channels.
 *
 * <p>Channel history (docs/history.md) is filled here too, after sequencing, so it has the order subscribers see:
 * {@link History#prepare} stores an item of a history channel in memory, or keeps the position the engine gave it
 * when the engine stored it (Redis).
 */
public final class Receiver implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(Receiver.class);

    private final SubscriptionRegistry registry;
    private final ByteBufAllocator alloc;
    /** How many stripes the channels' sequencing state is spread over. */
    static final int STRIPES = 64;

    private final TackMetrics metrics;
    private final Sequencer[] sequencers = new Sequencer[STRIPES];
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final EventExecutor timer;
    private final TimeSource time;
    private final Counter recovers;
    private final Counter refreshes;
    private final Counter closes;
    private final Counter asked;
    private final Counter unsupported;
    private final History history;
    /** Per stripe, the positions the engine gave items still inside its sequencer (guarded by its lock). */
    private final List<Map<PublishItem, StreamPosition>> streamed = new ArrayList<>(STRIPES);

    /**
     * @param messageWaitMillis {@code message_wait}: how long an out-of-order item waits for its gap
     * @param idCacheTtlSeconds {@code id_cache_ttl}: how long an item id is remembered to drop repeats (0: off)
     * @param timer runs the once-a-second check for items that waited long enough
     * @param time the sequencer's clock and the source of that check's timer
     */
    public Receiver(SubscriptionRegistry registry, ByteBufAllocator alloc, TackMetrics metrics,
            long messageWaitMillis, long idCacheTtlSeconds, EventExecutor timer, TimeSource time) {
        this(registry, alloc, metrics, messageWaitMillis, idCacheTtlSeconds, timer, time, History.off());
    }

    /**
     * @param history where items of history channels are stored, and how they get their positions
     */
    public Receiver(SubscriptionRegistry registry, ByteBufAllocator alloc, TackMetrics metrics,
            long messageWaitMillis, long idCacheTtlSeconds, EventExecutor timer, TimeSource time, History history) {
        this.history = history;
        this.registry = registry;
        this.alloc = alloc;
        this.metrics = metrics;
        this.timer = timer;
        this.time = time;
        for (int i = 0; i < STRIPES; i++) {
            sequencers[i] = new Sequencer(messageWaitMillis, idCacheTtlSeconds,
                    () -> TimeUnit.NANOSECONDS.toMillis(time.nanoTime(timer)), metrics::dropped, STRIPES);
            locks[i] = new ReentrantLock();
            streamed.add(new IdentityHashMap<>());
        }
        recovers = metrics.counter("command_recover", "Times recover ran on this node (command or engine comeback)");
        refreshes = metrics.counter("command_refresh", "Times a refresh command ran on this node");
        closes = metrics.counter("command_close", "Times a close-by-connection command ran on this node");
        asked = metrics.counter("command_subscribers", "Subscribers a node-wide command was given to");
        unsupported = metrics.counter("command_unsupported",
                "Subscribers that could not act on a node-wide command (a counted no-op)");
        scheduleExpiry();
    }

    private void scheduleExpiry() {
        try {
            time.schedule(timer, () -> {
                try {
                    for (int i = 0; i < STRIPES; i++) {
                        locks[i].lock();
                        try {
                            deliver(sequencers[i].expire());
                        } finally {
                            locks[i].unlock();
                        }
                    }
                } finally {
                    scheduleExpiry();
                }
            }, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("publish sequencer check stopped: the event loops are shutting down");
        }
    }

    /**
     * Delivers items to this node's subscribers: repeats are dropped, out-of-order items wait for their
     * predecessor, the rest go to the event loops in order.
     */
    @Override
    public void onItems(List<PublishItem> items) {
        onItems(items, null);
    }

    /**
     * Items of which some were stored in their channel's stream by the engine ({@code positions}, null when none
     * was): each keeps its position through the sequencer, which may hold it back or drop it.
     */
    @Override
    public void onItems(List<PublishItem> items, List<StreamPosition> positions) {
        if (items.isEmpty()) {
            return;
        }
        // Ordering and handing over happen under the stripe's lock, so two callers on different threads cannot swap
        // the order in which a channel's items reach the event loops.
        if (items.size() == 1) {
            int stripe = stripe(items.get(0).channel());
            locks[stripe].lock();
            try {
                accept(items, positions);
            } finally {
                locks[stripe].unlock();
            }
            return;
        }
        BitSet touched = new BitSet(STRIPES);
        for (PublishItem item : items) {
            touched.set(stripe(item.channel()));
        }
        for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
            locks[i].lock();
        }
        try {
            accept(items, positions);
        } finally {
            for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
                locks[i].unlock();
            }
        }
    }

    static int stripe(String channel) {
        return Math.floorMod(channel.hashCode() * 0x9E3779B9, STRIPES);
    }

    /** Sequences {@code items} and hands over what is ready; the caller holds the locks of their stripes. */
    private void accept(List<PublishItem> items, List<StreamPosition> positions) {
        List<PublishItem> ready = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            PublishItem item = items.get(i);
            int stripe = stripe(item.channel());
            if (positions != null && positions.get(i) != null) {
                streamed.get(stripe).put(item, positions.get(i));
            }
            ready.addAll(sequencers[stripe].accept(List.of(item)));
        }
        deliver(ready);
        if (positions == null) {
            return;
        }
        for (PublishItem item : items) {
            int stripe = stripe(item.channel());
            if (streamed.get(stripe).containsKey(item) && !sequencers[stripe].isWaiting(item)) {
                // Dropped by the sequencer (a repeat, or no room to wait): it will never come out.
                streamed.get(stripe).remove(item);
            }
        }
    }

    @Override
    public void onCommand(NodeCommand command) {
        if (command instanceof NodeCommand.Recover) {
            recover(null, "of every channel (command)");
        } else if (command instanceof NodeCommand.Refresh refresh) {
            refreshes.increment();
            report("refresh " + (refresh.channel() != null ? "of channel " + refresh.channel()
                    : "of connection " + refresh.connectionId()), refresh.channel() != null
                    ? registry.refresh(refresh.channel()) : registry.refreshConnection(refresh.connectionId()));
        } else if (command instanceof NodeCommand.Close close) {
            closes.increment();
            report("close of connection " + close.connectionId(), registry.closeConnection(close.connectionId()));
        }
    }

    @Override
    public void onEvent(EngineEvent event, Set<String> channels) {
        if (event == EngineEvent.RESUBSCRIBED && !channels.isEmpty()) {
            recover(channels, "of " + channels.size() + " channels after the engine came back");
        }
    }

    /**
     * Pushpin's {@code recover} on {@code channels} (every channel when null): their last ids are forgotten and
     * every subscriber is asked to re-sync ({@code Subscriber.recover}).
     *
     * @param why for the log line, e.g. {@code of 3 channels after the engine came back}
     */
    public CompletableFuture<SubscriptionRegistry.Reach> recover(Collection<String> channels, String why) {
        for (Sequencer sequencer : sequencers) {
            sequencer.forget(channels);
        }
        recovers.increment();
        return report("recover " + why, registry.recover(channels));
    }

    private CompletableFuture<SubscriptionRegistry.Reach> report(String what,
            CompletableFuture<SubscriptionRegistry.Reach> reach) {
        return reach.whenComplete((r, failure) -> {
            if (failure != null) {
                log.warn(what + " failed", failure);
                return;
            }
            asked.increment(r.subscribers());
            unsupported.increment(r.unsupported());
            log.info(what + ": " + r.subscribers() + " subscribers asked, " + r.handled() + " acted, "
                    + r.unsupported() + " cannot (no-op)");
        });
    }

    private void deliver(List<PublishItem> items) {
        if (items.isEmpty()) {
            return;
        }
        List<PreparedItem> prepared = new ArrayList<>(items.size());
        for (PublishItem item : items) {
            Map<PublishItem, StreamPosition> positions = streamed.get(stripe(item.channel()));
            prepared.add(history.prepare(item, positions.isEmpty() ? null : positions.remove(item), alloc));
            if (log.isDebugEnabled()) {
                log.debug("publish channel=" + item.channel() + (item.id() == null ? "" : " id=" + item.id()));
            }
        }
        registry.publish(prepared, metrics::messagesSent);
    }
}
