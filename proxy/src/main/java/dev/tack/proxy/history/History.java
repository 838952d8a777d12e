package dev.tack.proxy.history;

import dev.tack.api.Header;
import dev.tack.api.grip.ChannelSpec;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.ChannelStreams;
import dev.tack.proxy.engine.StreamItems;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's channel history (docs/history.md): what the receiving side stores ({@link #prepare}), and the
 * {@link Resume} each held connection gets at subscribe time. History lives in this process's memory, or, with the
 * Redis engine, in Redis Streams written by the publish itself, so any node serves a resume.
 *
 * <p>Built once by the composition root; thread-safe.
 */
public final class History implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(History.class);
    private static final History OFF = new History(HistorySettings.off(), null, null, null, null, TimeSource.LOOPS);

    private final HistorySettings settings;
    private final ChannelPatterns patterns;
    private final MemoryStore memory;
    private final Reads reads;
    private final HistoryMeters meters;
    private final ByteBufAllocator alloc;
    private final TimeSource time;
    private volatile Future<?> sweep;
    private volatile boolean closed;

    /**
     * A history over {@code store} ({@code memory} too when it is the memory store); {@link #start} builds it.
     *
     * @param time the source of a paused replay's timer
     */
    History(HistorySettings settings, Store store, MemoryStore memory, HistoryMeters meters, ByteBufAllocator alloc,
            TimeSource time) {
        this.time = time;
        this.settings = settings;
        this.patterns = new ChannelPatterns(settings.channels());
        this.memory = memory;
        this.reads = store == null ? null : new Reads(store, meters);
        this.meters = meters;
        this.alloc = alloc;
    }

    /** No history: every hold behaves as without this feature. */
    public static History off() {
        return OFF;
    }

    /**
     * Starts history as {@code settings} ask, or returns {@link #off()} when no channel keeps any.
     *
     * @param streams the engine's own store (Redis), or null to keep history in this process's memory
     * @param timer the loop that trims aged items once a second (memory only)
     * @param time the clock items are aged by
     */
    public static History start(HistorySettings settings, ChannelStreams streams, TackMetrics metrics,
            ByteBufAllocator alloc, EventExecutor timer, TimeSource time) {
        if (!settings.enabled()) {
            return OFF;
        }
        HistoryMeters meters = new HistoryMeters(metrics);
        if (streams != null) {
            log.info("history for channels " + settings.channels() + " in the engine's streams");
            return new History(settings, new EngineStore(streams, alloc), null, meters, alloc, time);
        }
        MemoryStore memory = new MemoryStore(settings, () -> time.nanoTime(timer), meters);
        metrics.gauge("history_items", "Items kept in this process's channel history", memory::items);
        metrics.gauge("history_bytes", "Bytes counted for this process's channel history (history_total_bytes "
                + "bounds it)", memory::bytes);
        metrics.gauge("history_channels", "Channels with history in this process", memory::channels);
        History history = new History(settings, memory, memory, meters, alloc, time);
        history.scheduleSweep(timer, time);
        log.info("history for channels " + settings.channels() + " in memory: " + settings.maxItems() + " items, "
                + settings.maxAgeSeconds() + " s, " + settings.maxBytes() + " bytes per channel; "
                + settings.totalBytes() + " bytes and " + settings.maxChannels() + " channels in all");
        return history;
    }

    private void scheduleSweep(EventExecutor timer, TimeSource time) {
        if (closed) {
            return;
        }
        try {
            sweep = time.schedule(timer, () -> {
                try {
                    memory.sweep();
                } finally {
                    scheduleSweep(timer, time);
                }
            }, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("history sweep stopped: the event loops are shutting down");
        }
    }

    /** Whether any channel keeps history. */
    public boolean enabled() {
        return settings.enabled();
    }

    public HistorySettings settings() {
        return settings;
    }

    /** Whether {@code channel} keeps history. */
    public boolean keeps(String channel) {
        return settings.enabled() && patterns.matches(channel);
    }

    /**
     * Prepares a received item for delivery, after sequencing (so history has the order subscribers see): an item
     * the engine stored comes with its position; an item of a history channel kept in memory is stored here and
     * gets one; any other item is only prepared.
     *
     * @param streamed the item's position in the engine's stream, or null
     * @return a prepared item the caller owns
     */
    public PreparedItem prepare(PublishItem item, StreamPosition streamed, ByteBufAllocator allocator) {
        if (streamed != null) {
            return PreparedItem.prepare(item, allocator, streamed);
        }
        if (memory != null && keeps(item.channel())) {
            PublishItem stored = StreamItems.storable(item);
            if (stored != null) {
                return memory.append(item, stored, allocator);
            }
        }
        return PreparedItem.prepare(item, allocator);
    }

    /**
     * The resume of an HTTP hold: a stream (SSE or plain) or, with {@code history_long_poll}, a long-poll.
     * {@link Resume#NONE} when there is nothing to do: history off, a long-poll without the opt-in, a hold the
     * origin made reliable with a next link, or a client that asked for nothing (and no ids to add).
     *
     * @param channels the hold's channels, as subscribed (route prefix applied), in the instruction's order
     * @param client the client's connection
     * @param corsHandled whether automatic CORS ({@code aco}) handles the response, exposing every header it
     *     carries; otherwise Tack exposes its own headers when the origin allows cross-origin reads
     */
    public Resume resume(ResumeRequest request, GripInstruction instruction, List<String> channels, Channel client,
            boolean corsHandled) {
        if (!settings.enabled() || instruction.hold() == null || instruction.nextLink() != null
                || channels.stream().noneMatch(this::keeps)) {
            return Resume.NONE;
        }
        Resume.Transport transport = instruction.hold() == HoldMode.RESPONSE ? Resume.Transport.LONG_POLL
                : eventStream(instruction.headers()) ? Resume.Transport.SSE : Resume.Transport.STREAM;
        if (transport == Resume.Transport.LONG_POLL && !settings.longPoll()) {
            return Resume.NONE;
        }
        Set<String> reliable = new HashSet<>();
        List<ChannelSpec> specs = instruction.channels();
        for (int i = 0; i < specs.size() && i < channels.size(); i++) {
            if (specs.get(i).prevId() != null) {
                reliable.add(channels.get(i));
            }
        }
        boolean injectIds = settings.sseIds() && transport == Resume.Transport.SSE && reliable.isEmpty();
        if (request.isNone() && !injectIds && transport != Resume.Transport.LONG_POLL) {
            return Resume.NONE;
        }
        return new Resumer(this, request, transport, client, reliable, injectIds,
                !corsHandled && ResumeHeaders.allowsCors(instruction.headers()));
    }

    /**
     * The resume of a WebSocket, applied to each channel the origin subscribes it to ({@code recover=},
     * {@code rewind=}); {@link Resume#NONE} when history is off or the client asked for nothing.
     */
    public Resume resume(ResumeRequest request, Channel client) {
        if (!settings.enabled() || request.isNone()) {
            return Resume.NONE;
        }
        return new Resumer(this, request, Resume.Transport.WEBSOCKET, client, Set.of(), false, false);
    }

    /** Reads history, merged with an identical read in flight; the slice is the caller's. */
    CompletionStage<Slice> read(String channel, StreamQuery query) {
        return reads.read(channel, query, settings.replayMax());
    }

    HistoryMeters meters() {
        return meters;
    }

    ByteBufAllocator alloc() {
        return alloc;
    }

    TimeSource time() {
        return time;
    }

    private static boolean eventStream(List<Header> headers) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase("Content-Type")
                    && header.value().toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    /** Stops the sweep and releases what memory holds. */
    @Override
    public void close() {
        closed = true;
        Future<?> pending = sweep;
        if (pending != null) {
            pending.cancel(false);
        }
        if (memory != null) {
            memory.close();
        }
    }
}
