package dev.tack.proxy.publish;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.metrics.DropReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders and de-duplicates publishes per channel as Pushpin does (docs/compatibility.md "Ordering and duplicates"):
 * <ul>
 * <li>an item whose {@code (channel, id)} was seen within {@code id_cache_ttl} seconds is dropped;</li>
 * <li>an item whose {@code prev-id} is not the channel's last published id waits (at most {@value
 * #PENDING_MAX} per channel) until the item it follows arrives, or until {@code message_wait} passes;</li>
 * <li>{@code no-seq} items skip the wait.</li>
 * </ul>
 * For example ids {@code a}, then {@code c (prev b)}, then {@code b (prev a)} come out as a, b, c.
 *
 * <p>Thread-safe: publishes arrive from several event loops and the ZeroMQ inputs. The {@link Receiver} keeps one
 * sequencer per stripe of channels, each with its share of the table sizes, so publishes to different channels
 * rarely wait for each other.
 */
final class Sequencer {

    private static final Logger log = LoggerFactory.getLogger(Sequencer.class);

    static final int PENDING_MAX = 100;
    static final int LAST_IDS_MAX = 100_000;
    static final int ID_CACHE_MAX = 1_000_000;

    private record Pending(PublishItem item, long since) {
    }

    private final long messageWaitMillis;
    private final long idCacheTtlMillis;
    private final LongSupplier clock;
    private final ObjLongConsumer<DropReason> dropped;
    private final int lastIdsMax;
    private final int idCacheMax;
    private final Map<String, String> lastIds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > lastIdsMax;
        }
    };
    /** channel → (prev-id → the item waiting for it). */
    private final Map<String, Map<String, Pending>> pending = new HashMap<>();
    /** "channel\0id" → when it was seen; insertion order is time order. */
    private final LinkedHashMap<String, Long> seenIds = new LinkedHashMap<>();

    /**
     * @param clock milliseconds, monotonic
     */
    Sequencer(long messageWaitMillis, long idCacheTtlSeconds, LongSupplier clock) {
        this(messageWaitMillis, idCacheTtlSeconds, clock, (reason, count) -> { });
    }

    /**
     * @param clock   milliseconds, monotonic
     * @param dropped told about every item dropped, and why ({@code duplicate_id}, {@code out_of_order})
     */
    Sequencer(long messageWaitMillis, long idCacheTtlSeconds, LongSupplier clock, ObjLongConsumer<DropReason> dropped) {
        this(messageWaitMillis, idCacheTtlSeconds, clock, dropped, 1);
    }

    /**
     * @param shares how many sequencers share the node's tables: each keeps {@code 1/shares} of the last ids and
     *     of the id cache
     */
    Sequencer(long messageWaitMillis, long idCacheTtlSeconds, LongSupplier clock, ObjLongConsumer<DropReason> dropped,
            int shares) {
        this.lastIdsMax = Math.max(1, LAST_IDS_MAX / shares);
        this.idCacheMax = Math.max(1, ID_CACHE_MAX / shares);
        this.messageWaitMillis = messageWaitMillis;
        this.idCacheTtlMillis = idCacheTtlSeconds * 1000;
        this.clock = clock;
        this.dropped = dropped;
    }

    /** Takes a batch of published items and returns those to deliver now, in delivery order. */
    synchronized List<PublishItem> accept(List<PublishItem> items) {
        List<PublishItem> ready = new ArrayList<>(items.size());
        long now = clock.getAsLong();
        for (PublishItem item : items) {
            if (isRepeat(item, now)) {
                log.debug("dropping repeated item id={} on channel {}", item.id(), item.channel());
                dropped.accept(DropReason.DUPLICATE_ID, 1);
                continue;
            }
            String last = lastIds.get(item.channel());
            if (!item.noSeq() && item.prevId() != null && last != null && !last.equals(item.prevId())) {
                hold(item, now);
                continue;
            }
            emit(item, ready);
        }
        return ready;
    }

    /** Releases items that waited longer than {@code message_wait}; returns them in delivery order. */
    synchronized List<PublishItem> expire() {
        List<PublishItem> ready = new ArrayList<>();
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<String, Map<String, Pending>>> channels = pending.entrySet().iterator();
                channels.hasNext();) {
            Map<String, Pending> waiting = channels.next().getValue();
            while (!waiting.isEmpty()) {
                Pending oldest = null;
                for (Pending candidate : waiting.values()) {
                    if (oldest == null || candidate.since() < oldest.since()) {
                        oldest = candidate;
                    }
                }
                if (now - oldest.since() < messageWaitMillis) {
                    break;
                }
                waiting.remove(oldest.item().prevId());
                emitChain(oldest.item(), waiting, ready);
            }
            if (waiting.isEmpty()) {
                channels.remove();
            }
        }
        return ready;
    }

    /**
     * Forgets the last published id of {@code channels} (of every channel when null), as Pushpin's
     * {@code recover} does: the next item is taken whatever its prev-id.
     */
    synchronized void forget(java.util.Collection<String> channels) {
        if (channels == null) {
            lastIds.clear();
        } else {
            channels.forEach(lastIds::remove);
        }
    }

    /** Whether {@code item} (this very object) waits for the item it follows. */
    synchronized boolean isWaiting(PublishItem item) {
        Map<String, Pending> waiting = item.prevId() == null ? null : pending.get(item.channel());
        Pending pendingItem = waiting == null ? null : waiting.get(item.prevId());
        return pendingItem != null && pendingItem.item() == item;
    }

    synchronized int pendingCount() {
        return pending.values().stream().mapToInt(Map::size).sum();
    }

    private void hold(PublishItem item, long now) {
        Map<String, Pending> waiting = pending.computeIfAbsent(item.channel(), c -> new HashMap<>());
        if (waiting.size() >= PENDING_MAX || waiting.containsKey(item.prevId())) {
            log.info("dropping out-of-order item id=" + item.id() + " prev-id=" + item.prevId() + " on channel "
                    + item.channel() + ": " + (waiting.size() >= PENDING_MAX ? "too many waiting"
                    : "another item already waits for the same prev-id"));
            dropped.accept(DropReason.OUT_OF_ORDER, 1);
            return;
        }
        waiting.put(item.prevId(), new Pending(item, now));
    }

    private void emit(PublishItem item, List<PublishItem> ready) {
        Map<String, Pending> waiting = pending.get(item.channel());
        emitChain(item, waiting, ready);
        if (waiting != null && waiting.isEmpty()) {
            pending.remove(item.channel());
        }
    }

    /** Emits {@code item}, then every waiting item that follows it. */
    private void emitChain(PublishItem item, Map<String, Pending> waiting, List<PublishItem> ready) {
        PublishItem next = item;
        while (next != null) {
            ready.add(next);
            if (next.id() == null) {
                lastIds.remove(next.channel());
                return;
            }
            lastIds.put(next.channel(), next.id());
            Pending follower = waiting == null ? null : waiting.remove(next.id());
            next = follower == null ? null : follower.item();
        }
    }

    private boolean isRepeat(PublishItem item, long now) {
        if (idCacheTtlMillis <= 0 || item.id() == null) {
            return false;
        }
        for (Iterator<Map.Entry<String, Long>> it = seenIds.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> oldest = it.next();
            if (now - oldest.getValue() < idCacheTtlMillis && seenIds.size() <= idCacheMax) {
                break;
            }
            it.remove();
        }
        String key = item.channel() + '\0' + item.id();
        if (seenIds.containsKey(key)) {
            return true;
        }
        seenIds.put(key, now);
        return false;
    }
}
