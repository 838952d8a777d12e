package dev.tack.proxy.session;

import dev.tack.api.publish.Format;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.filter.FilterResult;
import dev.tack.proxy.metrics.DropReason;
import dev.tack.proxy.metrics.TackMetrics;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way every held connection (stream, long-poll, WebSocket) takes a published item, as Pushpin's sessions do
 * ({@code httpsession.cpp processPublishQueue}, {@code wssession.cpp}; docs/compatibility.md "Reliable GRIP"):
 * <ol>
 *   <li>an item on a channel with a prev-id must follow it, else the holder re-syncs ({@link Holder#outOfStep});
 *   <li>a format's {@code content-filters} must match the subscription's, else the item is skipped;
 *   <li>the channel's prev-id moves to the item's id (before the filters, so {@code %I} names this item);
 *   <li>the channel's filters run; what they let through is acted on ({@link Holder#act}).
 * </ol>
 * Items wait, in order, while the holder is not ready (a stream fetching its next link) and while an
 * {@code http-check}/{@code http-modify} call decides on the item before them. Confined to the connection's loop.
 */
public final class PublishFlow {

    private static final Logger log = LoggerFactory.getLogger(PublishFlow.class);
    private static final byte[] EMPTY = new byte[0];

    /** What one kind of held connection does with the items the flow lets through. */
    public interface Holder {

        /** The item's format for this kind of connection, or null when it has none. */
        Format format(PreparedItem item);

        /** Whether items may be acted on now; while not, they wait. */
        boolean ready();

        /**
         * The item on {@code channel} does not follow the channel's prev-id (the node's last id for the channel is
         * forgotten, the item and those waiting are dropped): re-sync.
         */
        void outOfStep(String channel, PreparedItem item);

        /** The content the filters read and may change (for a long-poll: the body after {@code body-patch}). */
        byte[] content(PreparedItem item);

        /**
         * Acts on an item the filters let through.
         *
         * @param content what the filters made of {@link #content}, or null when the item goes out as published
         */
        void act(String channel, PreparedItem item, byte[] content);

        /** A filter error or a content-filters mismatch ended the item here; the text is for logs and debug routes. */
        void failed(String error);

        /** Items were acted on outside a delivery (after a filter call): flush what they wrote. */
        void flush();
    }

    private final HoldChannels channels;
    private final ChannelStates states;
    private final PublishQueue queue;
    private final EventExecutor loop;
    private final Holder holder;
    private final TackMetrics metrics;
    private boolean filtering;

    /**
     * @param grip the node's shared parts (its channel states)
     * @param queueMax how many items may wait
     */
    public PublishFlow(HoldChannels channels, ReliableGrip grip, int queueMax, EventExecutor loop, TackMetrics metrics,
            Holder holder) {
        this.channels = channels;
        this.states = grip.channels();
        this.queue = new PublishQueue(queueMax);
        this.loop = loop;
        this.metrics = metrics;
        this.holder = holder;
    }

    /** A published item for this connection (borrowed): acted on now, or queued while the connection is busy. */
    public void offer(String channel, PreparedItem item) {
        if (holder.format(item) == null) {
            return;
        }
        if (!holder.ready() || filtering || !queue.isEmpty()) {
            if (!queue.add(channel, item)) {
                log.debug("publish queue at max, dropping");
                metrics.dropped(DropReason.OUTBOX_FULL, 1);
            }
            return;
        }
        process(channel, item);
    }

    /** Acts on the items that waited, while the holder stays ready, then flushes. */
    public void resume() {
        PublishQueue.Entry entry;
        while (holder.ready() && !filtering && (entry = queue.poll()) != null) {
            try {
                process(entry.channel(), entry.item());
            } finally {
                entry.item().release();
            }
        }
        holder.flush();
    }

    /** Drops waiting items that do not follow the prev-ids (or whose channel is gone), up to one that does. */
    void dropNotFollowing() {
        PublishQueue.Entry next;
        while ((next = queue.peek()) != null) {
            String prevId = channels.prevId(next.channel());
            if (channels.contains(next.channel()) && (prevId == null || prevId.equals(next.item().item().prevId()))) {
                return;
            }
            queue.poll().item().release();
        }
    }

    /** Drops every waiting item. */
    public void clear() {
        queue.clear();
    }

    private void process(String channel, PreparedItem item) {
        HoldChannels.Channel subscribed = channels.channel(channel);
        if (subscribed == null) {
            return;
        }
        String prevId = subscribed.prevId();
        if (prevId != null && !prevId.equals(item.item().prevId())) {
            log.debug("last ID inconsistency on {} (got={}, expected={}), retrying", channel, item.item().prevId(),
                    prevId);
            metrics.dropped(DropReason.LAST_ID_MISMATCH, 1);
            states.forgetLastId(channel);
            queue.clear();
            holder.outOfStep(channel, item);
            return;
        }
        var mismatch = subscribed.mismatch(holder.format(item));
        if (mismatch.isPresent()) {
            drop(mismatch.get());
            return;
        }
        subscribed.advance(item.item().id());
        if (!subscribed.filtered()) {
            holder.act(channel, item, null);
            return;
        }
        byte[] content = holder.content(item) == null ? EMPTY : holder.content(item);
        filtering = !channels.filter(channel, item, content, loop, result -> {
            boolean later = filtering;
            filtering = false;
            if (result instanceof FilterResult.Send send) {
                holder.act(channel, item, send.content() == content ? null : send.content());
            } else {
                drop(result instanceof FilterResult.Error error ? error.describe() : null);
            }
            if (later) {
                resume();
            }
        });
    }

    private void drop(String error) {
        metrics.dropped(DropReason.FILTERED, 1);
        if (error != null) {
            log.debug("{}: {}", channels.requestText(), error);
            holder.failed(error);
        }
    }
}
