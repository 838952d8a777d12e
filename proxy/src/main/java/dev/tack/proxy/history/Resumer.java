package dev.tack.proxy.history;

import dev.tack.api.Header;
import dev.tack.api.publish.Format;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import dev.tack.proxy.subscription.Subscriber;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's {@link Resume}: stands between the registry and the hold, on the hold's event loop.
 *
 * <p>The boundary between replay and live (docs/history.md "No gap, no duplicate"): the hold subscribes first, then
 * the snapshot is read, so every item stored after the snapshot reaches the hold live. Items stored before it may
 * still be on their way to this loop; they arrive with offsets at or below the snapshot and are dropped, since the
 * replay carried them. The first live item after the replay is checked against the snapshot too: an offset past
 * {@code snapshot + 1} means items this node never received (its engine subscription was not in place yet, or a
 * merged read's snapshot is older than this subscription), which are read from history before it goes out.
 *
 * <p>Confined to the hold's event loop; reads complete elsewhere and come back here. Longer than most files here:
 * reading the snapshot, the replay, the waiting live items and the gap check are one state machine, and read best
 * in one place (the replay's pacing is {@link ReplayQueue}, what it writes of its own {@link OwnItems}).
 */
final class Resumer implements Resume, Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Resumer.class);
    /** Live items that may wait while history is read; later ones are dropped and counted. */
    static final int MAX_WAITING = 1000;

    /** What a channel's replay left behind. */
    private static final class Track {
        /** Replayed up to here: live items at or before it were carried by the replay. */
        StreamPosition bound;
        /** Whether the next live item is the first after the replay. */
        boolean checkGap;
        /** The newest position this connection has seen (for ids and long-poll positions). */
        StreamPosition last;
    }

    private record Waiting(String channel, PreparedItem item) {
    }

    private record Planned(String channel, ResumeRequest.Plan plan, boolean asked) {
    }

    private final History history;
    private final ResumeRequest request;
    private final Transport transport;
    private final EventExecutor loop;
    private final ReplayQueue replays;
    private final Set<String> originReliable;
    private final boolean injectIds;
    private final boolean cors;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final Set<String> asked = new HashSet<>();
    private Subscriber hold;
    private int reading;
    private ArrayDeque<Waiting> waiting;
    private boolean closed;

    /**
     * @param client the connection: its event loop is this resume's, and a replay goes out as fast as it is
     *     writable
     * @param originReliable channels the origin keeps reliable itself ({@code prev-id}): left to GRIP
     * @param injectIds whether SSE events get Tack's ids ({@code history_sse_ids})
     * @param cors whether Tack must expose its headers to cross-origin scripts itself
     */
    Resumer(History history, ResumeRequest request, Transport transport, Channel client, Set<String> originReliable,
            boolean injectIds, boolean cors) {
        this.history = history;
        this.request = request;
        this.transport = transport;
        this.loop = client.eventLoop();
        this.replays = new ReplayQueue(client, history.time(), new ReplayQueue.Sink() {
            @Override
            public void replay(String channel, PreparedItem item) {
                deliverTracked(channel, item);
            }

            @Override
            public void flush() {
                hold.flush();
            }

            @Override
            public void done() {
                drain();
            }
        });
        this.originReliable = originReliable;
        this.injectIds = injectIds;
        this.cors = cors;
    }

    @Override
    public Subscriber bind(Subscriber target) {
        this.hold = target;
        return this;
    }

    @Override
    public void start(List<String> channels, Consumer<Opening> opened) {
        List<Planned> plans = new ArrayList<>();
        for (String channel : channels) {
            if (closed || !history.keeps(channel) || originReliable.contains(channel) || tracks.containsKey(channel)) {
                continue;
            }
            boolean ask = !request.isNone() && asked.add(channel);
            if (!ask && !injectIds && transport != Transport.LONG_POLL) {
                continue;
            }
            tracks.put(channel, new Track());
            plans.add(new Planned(channel, ask ? request.plan(channel, history.settings().replayMax())
                    : new ResumeRequest.Plan(ResumeRequest.Plan.TOP, null), ask));
        }
        if (plans.isEmpty()) {
            opened.accept(transport == Transport.LONG_POLL && cors ? new Opening(ResumeHeaders.exposed(), new byte[0])
                    : Opening.NONE);
            return;
        }
        reading++;
        List<CompletableFuture<Slice>> reads = new ArrayList<>(plans.size());
        for (Planned planned : plans) {
            reads.add(history.read(planned.channel(), planned.plan().query()).toCompletableFuture());
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((done, failure) ->
                onLoop(() -> finish(plans, reads, opened), reads));
    }

    /** Runs {@code task} on the hold's loop: now when already there, else as a task (released if refused). */
    private void onLoop(Runnable task, List<CompletableFuture<Slice>> reads) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            reads.forEach(read -> read.join().release());
        }
    }

    /** The snapshots are read: the hold opens, the replays go out, then what waited. */
    private void finish(List<Planned> plans, List<CompletableFuture<Slice>> reads, Consumer<Opening> opened) {
        reading--;
        List<Slice> slices = new ArrayList<>(reads.size());
        reads.forEach(read -> slices.add(read.join()));
        try {
            if (closed) {
                return;
            }
            List<StreamRead.Result> results = new ArrayList<>(plans.size());
            String failedChannel = null;
            StreamRead.Result failure = null;
            boolean anyAsked = false;
            for (int i = 0; i < plans.size(); i++) {
                Planned planned = plans.get(i);
                StreamRead.Result result = planned.plan().decided() != null ? planned.plan().decided()
                        : slices.get(i).result();
                results.add(result);
                if (!planned.asked()) {
                    continue;
                }
                anyAsked = true;
                history.meters().recovered(result);
                if (result != StreamRead.Result.OK && failure == null) {
                    failure = result;
                    failedChannel = planned.channel();
                }
                log.debug("resume of channel {} ({}): {}, {} items", planned.channel(), request,
                        HistoryMeters.label(result), result == StreamRead.Result.OK ? slices.get(i).items().size() : 0);
            }
            List<Header> headers = anyAsked && transport != Transport.WEBSOCKET
                    ? ResumeHeaders.outcome(failedChannel, failure, cors)
                    : transport == Transport.LONG_POLL && cors ? ResumeHeaders.exposed() : List.of();
            for (int i = 0; i < plans.size(); i++) {
                // Where the client is when the stream opens: before what is about to be replayed, else the top.
                Slice slice = slices.get(i);
                StreamPosition at = slice.top();
                if (results.get(i) == StreamRead.Result.OK && !slice.items().isEmpty()) {
                    StreamPosition first = slice.items().get(0).position();
                    at = new StreamPosition(first.epoch(), first.offset() - 1);
                }
                if (at != null) {
                    tracks.get(plans.get(i).channel()).last = at;
                }
            }
            String ids = injectIds && transport == Transport.SSE ? composite() : "";
            opened.accept(new Opening(headers, ids.isEmpty() ? new byte[0] : SseIds.idOnly(ids)));
            for (int i = 0; i < plans.size(); i++) {
                if (plans.get(i).asked() && results.get(i) != StreamRead.Result.OK) {
                    reset(plans.get(i).channel(), results.get(i));
                }
            }
            for (int i = 0; i < plans.size(); i++) {
                if (plans.get(i).asked() && results.get(i) == StreamRead.Result.OK) {
                    replay(plans.get(i).channel(), slices.get(i));
                }
            }
        } finally {
            slices.forEach(Slice::release);
        }
        replays.pump();
    }

    /** Queues a channel's replay; live items of at most {@code slice}'s top are dropped from now on. */
    private void replay(String channel, Slice slice) {
        Track track = tracks.get(channel);
        replays.add(channel, slice.retain());
        history.meters().replayed.increment(slice.items().size());
        track.bound = slice.top();
        track.checkGap = true;
    }

    /** The optional not-recovered signal on the stream itself ({@code history_reset_event}). */
    private void reset(String channel, StreamRead.Result result) {
        String name = history.settings().resetEvent();
        Format event = name.isEmpty() ? null : OwnItems.reset(transport, name, channel, result);
        if (event != null) {
            deliverOwn(channel, event);
        }
    }

    // ---- live items ----

    @Override
    public boolean deliver(String channel, PreparedItem item) {
        if (closed) {
            return false;
        }
        if (reading > 0 || replays.busy()) {
            await(channel, item);
            return false;
        }
        return gate(channel, item);
    }

    private void await(String channel, PreparedItem item) {
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        if (waiting.size() >= MAX_WAITING) {
            history.meters().waitingDropped.increment();
            return;
        }
        waiting.add(new Waiting(channel, item.retain()));
    }

    /** A live item: dropped when the replay carried it, held back while a gap behind it is filled. */
    private boolean gate(String channel, PreparedItem item) {
        Track track = tracks.get(channel);
        StreamPosition position = item.position();
        if (track != null && position != null && track.bound != null
                && track.bound.epoch().equals(position.epoch())) {
            if (position.offset() <= track.bound.offset()) {
                return false;
            }
            if (track.checkGap && position.offset() > track.bound.offset() + 1) {
                track.checkGap = false;
                // Waits first: a read from memory fills the gap before fill() returns, and sends what waited.
                await(channel, item);
                fill(channel, track.bound);
                return false;
            }
        }
        if (track != null) {
            track.checkGap = false;
        }
        return deliverTracked(channel, item);
    }

    /** Reads what this node missed after {@code bound}; live items wait meanwhile. */
    private void fill(String channel, StreamPosition bound) {
        reading++;
        CompletableFuture<Slice> read = history.read(channel, new StreamQuery.After(bound, null))
                .toCompletableFuture();
        read.whenComplete((slice, failure) -> onLoop(() -> filled(channel, read.join()), List.of(read)));
    }

    private void filled(String channel, Slice slice) {
        reading--;
        try {
            if (!closed && slice.ok()) {
                replays.add(channel, slice.retain());
                tracks.get(channel).bound = slice.top();
                history.meters().gapFills.increment();
            }
        } finally {
            slice.release();
        }
        replays.pump();
    }

    /**
     * Sends what waited once no read is in flight, then flushes (also after the hold finished: a long-poll answered
     * by the replay still has its response to flush).
     */
    private void drain() {
        while (!closed && reading == 0 && !replays.busy() && waiting != null && !waiting.isEmpty()) {
            Waiting next = waiting.poll();
            try {
                gate(next.channel(), next.item());
            } finally {
                next.item().release();
            }
        }
        hold.flush();
    }

    /** Hands an item to the hold's own delivery path, with an id or a position added when asked for. */
    private boolean deliverTracked(String channel, PreparedItem item) {
        Track track = tracks.get(channel);
        PreparedItem out = item;
        if (track != null && item.position() != null) {
            track.last = item.position();
            if (injectIds) {
                out = SseIds.inject(item, this::composite, history.alloc());
            } else if (transport == Transport.LONG_POLL && item.httpResponse() != null) {
                out = OwnItems.withPosition(item, composite(), history.alloc());
            }
        }
        try {
            return hold.deliver(channel, out);
        } finally {
            if (out != item) {
                out.release();
            }
        }
    }

    /** Writes something of Tack's own (a reset event) through the hold. */
    private void deliverOwn(String channel, Format format) {
        PreparedItem item = PreparedItem.prepare(PublishItem.of(channel, format), history.alloc());
        try {
            hold.deliver(channel, item);
        } finally {
            item.release();
        }
    }

    /** Every tracked channel's newest position, as one composite id. */
    private String composite() {
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        tracks.forEach((channel, track) -> {
            if (track.last != null) {
                positions.put(channel, track.last);
            }
        });
        return Tokens.composite(positions);
    }

    // ---- the rest of the subscriber is the hold's ----

    @Override
    public void flush() {
        hold.flush();
    }

    @Override
    public boolean recover() {
        return hold.recover();
    }

    @Override
    public boolean refresh() {
        return hold.refresh();
    }

    @Override
    public String connectionId() {
        return hold.connectionId();
    }

    @Override
    public boolean closeConnection() {
        return hold.closeConnection();
    }

    @Override
    public void close() {
        closed = true;
        replays.close();
        while (waiting != null && !waiting.isEmpty()) {
            waiting.poll().item().release();
        }
    }

    @Override
    public String toString() {
        return "resume of " + hold;
    }
}
