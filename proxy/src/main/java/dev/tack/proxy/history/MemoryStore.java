package dev.tack.proxy.history;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Channel history in this process's memory (docs/history.md): one {@link Ring} per channel, filled on the
 * receiving side after sequencing, so a channel's history has exactly the order its subscribers saw. Every bound is
 * enforced as an item is stored: the channel's items, age and bytes first (oldest items go), then the process's
 * channels and bytes (whole channels go, least recently published first). Items that outlive {@code history_max_age}
 * in a channel nobody publishes to any more are trimmed by {@link #sweep}, run once a second.
 *
 * <p>Each ring gets an epoch of its own: this process's random name and a counter, so a position from before a
 * restart, from an evicted ring or from another node is never read as one of this ring's.
 *
 * <p>Thread-safe: items are stored from the receiving side and read from every event loop; one lock guards it all
 * and is held only to copy references.
 */
final class MemoryStore implements Store {

    private final HistorySettings settings;
    private final LongSupplier nanos;
    private final HistoryMeters meters;
    private final String process = randomName(6);
    /** Channel → ring, least recently published first (a publish puts its ring last). */
    private final LinkedHashMap<String, Ring> rings = new LinkedHashMap<>();
    private final long maxAgeNanos;
    private long generation;
    private long bytes;
    private long items;

    /** @param nanos the time items are stored at and aged by (the injected time source) */
    MemoryStore(HistorySettings settings, LongSupplier nanos, HistoryMeters meters) {
        this.settings = settings;
        this.nanos = nanos;
        this.meters = meters;
        this.maxAgeNanos = TimeUnit.SECONDS.toNanos(settings.maxAgeSeconds());
    }

    /**
     * Stores an item of a history channel and returns it prepared for delivery, with its position.
     *
     * @param stored what history keeps of it ({@code item} itself, or its sending formats only)
     * @return a prepared item the caller owns; the store keeps its own reference
     */
    synchronized PreparedItem append(PublishItem item, PublishItem stored, ByteBufAllocator alloc) {
        long now = nanos.getAsLong();
        Ring ring = rings.remove(item.channel());
        if (ring == null) {
            ring = newRing(item.channel());
        }
        rings.put(item.channel(), ring);
        trim(ring, now, settings.maxItems() - 1);
        StreamPosition position = new StreamPosition(ring.epoch, ring.top() + 1);
        PreparedItem live = PreparedItem.prepare(item, alloc, position);
        PreparedItem kept = stored == item ? live.retain() : PreparedItem.prepare(stored, alloc, position);
        int size = ItemSize.of(kept);
        ring.add(now, kept, size, settings.maxItems());
        bytes += size;
        items++;
        trim(ring, now, settings.maxItems());
        evict(item.channel());
        return live;
    }

    @Override
    public synchronized CompletionStage<Slice> read(String channel, StreamQuery query, int limit) {
        long now = nanos.getAsLong();
        Ring ring = rings.get(channel);
        if (ring == null) {
            ring = newRing(channel);
            rings.put(channel, ring);
            evict(channel);
        }
        trim(ring, now, settings.maxItems());
        StreamPosition top = new StreamPosition(ring.epoch, ring.top());
        Slice slice;
        if (query instanceof StreamQuery.After after) {
            slice = after(ring, top, after, limit);
        } else if (query instanceof StreamQuery.Last last) {
            slice = newest(ring, top, Math.min(last.count(), limit), Long.MAX_VALUE, now);
        } else if (query instanceof StreamQuery.Since since) {
            slice = newest(ring, top, limit, TimeUnit.MILLISECONDS.toNanos(since.millis()), now);
        } else {
            slice = Slice.failed(StreamRead.Result.OK, top);
        }
        return CompletableFuture.completedFuture(slice);
    }

    private static Slice after(Ring ring, StreamPosition top, StreamQuery.After query, int limit) {
        Long after = null;
        if (query.token() != null && query.token().epoch().equals(ring.epoch)) {
            after = query.token().offset();
        } else if (query.id() != null) {
            after = ring.offsetOf(query.id());
        }
        if (after == null) {
            return Slice.failed(query.token() != null ? StreamRead.Result.EPOCH_CHANGED
                    : StreamRead.Result.UNKNOWN_POSITION, top);
        }
        if (after > ring.top()) {
            return Slice.failed(StreamRead.Result.UNKNOWN_POSITION, top);
        }
        if (after + 1 < ring.first()) {
            return Slice.failed(StreamRead.Result.EVICTED, top);
        }
        if (ring.top() - after > limit) {
            return Slice.failed(StreamRead.Result.TOO_LARGE, top);
        }
        List<PreparedItem> out = new ArrayList<>((int) (ring.top() - after));
        for (long offset = after + 1; offset <= ring.top(); offset++) {
            out.add(ring.byOffset(offset).item().retain());
        }
        return new Slice(StreamRead.Result.OK, top, out);
    }

    /** The newest {@code count} items stored within the last {@code windowNanos}, oldest first. */
    private static Slice newest(Ring ring, StreamPosition top, int count, long windowNanos, long now) {
        int from = ring.size();
        while (from > 0 && ring.size() - from < count && now - ring.at(from - 1).storedNanos() <= windowNanos) {
            from--;
        }
        List<PreparedItem> out = new ArrayList<>(ring.size() - from);
        for (int i = from; i < ring.size(); i++) {
            out.add(ring.at(i).item().retain());
        }
        return new Slice(StreamRead.Result.OK, top, out);
    }

    /** Trims every ring's items older than {@code history_max_age}. */
    synchronized void sweep() {
        long now = nanos.getAsLong();
        for (Ring ring : rings.values()) {
            trim(ring, now, settings.maxItems());
        }
    }

    /** Random lower-case letters and digits. */
    static String randomName(int length) {
        StringBuilder name = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            name.append(Character.forDigit(random.nextInt(36), 36));
        }
        return name.toString();
    }

    private Ring newRing(String channel) {
        bytes += ItemSize.ring(channel);
        return new Ring(process + Long.toString(++generation, 36));
    }

    /** Drops a ring's oldest items while it holds more than {@code maxItems}, too many bytes, or aged ones. */
    private void trim(Ring ring, long now, int maxItems) {
        int dropped = 0;
        while (ring.size() > 0 && (ring.size() > maxItems || ring.bytes() > settings.maxBytes()
                || now - ring.at(0).storedNanos() > maxAgeNanos)) {
            drop(ring.removeOldest());
            dropped++;
        }
        if (dropped > 0) {
            meters.trimmed.increment(dropped);
        }
    }

    /** Evicts whole rings, least recently published first but never {@code keep}'s, until within the caps. */
    private void evict(String keep) {
        Iterator<Map.Entry<String, Ring>> oldest = rings.entrySet().iterator();
        while ((rings.size() > settings.maxChannels() || bytes > settings.totalBytes()) && oldest.hasNext()) {
            Map.Entry<String, Ring> entry = oldest.next();
            if (entry.getKey().equals(keep)) {
                continue;
            }
            Ring ring = entry.getValue();
            while (ring.size() > 0) {
                drop(ring.removeOldest());
            }
            bytes -= ItemSize.ring(entry.getKey());
            oldest.remove();
            meters.evicted.increment();
        }
    }

    private void drop(Ring.Entry entry) {
        bytes -= entry.bytes();
        items--;
        entry.item().release();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long items() {
        return items;
    }

    synchronized int channels() {
        return rings.size();
    }

    @Override
    public synchronized void close() {
        for (Ring ring : rings.values()) {
            while (ring.size() > 0) {
                drop(ring.removeOldest());
            }
        }
        rings.clear();
        bytes = 0;
    }
}
