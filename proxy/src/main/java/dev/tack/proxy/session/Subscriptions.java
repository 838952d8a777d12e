package dev.tack.proxy.session;

import dev.tack.proxy.subscription.Shard;
import dev.tack.proxy.subscription.Subscriber;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels one held connection (a hold, a WebSocket session) listens on, so that leaving unsubscribes from
 * every one of them. Each subscription also counts in the node's view of its channel ({@link ChannelStates}: last
 * ids, the first-subscription update, the long-poll linger). Confined to the connection's event loop.
 */
public final class Subscriptions {

    private final Shard shard;
    private final Subscriber subscriber;
    private final ChannelStates states;
    private final Kind kind;
    private final List<String> channels = new ArrayList<>(2);

    /** How the subscriber's channels count in the node's view of them (docs/compatibility.md "Holds and reliability"). */
    public enum Kind {
        /** A stream or a WebSocket: a channel it was the last listener of goes at once. */
        HELD,
        /** A long-poll: a channel it was the last listener of lingers ({@code subscription_linger}). */
        LONG_POLL,
        /**
         * A long-poll whose request was asked again: it lingers too, and is never a first subscription itself, so
         * that without a linger its answer is not asked again a second later, and so on.
         */
        LONG_POLL_ASKED_AGAIN
    }

    /** @param grip what the node's holds share */
    public Subscriptions(Shard shard, Subscriber subscriber, ReliableGrip grip, Kind kind) {
        this.shard = shard;
        this.subscriber = subscriber;
        this.states = grip.channels();
        this.kind = kind;
    }

    public void add(String channel) {
        if (!channels.contains(channel) && shard.subscribe(channel, subscriber)) {
            channels.add(channel);
            states.subscribed(channel, kind != Kind.LONG_POLL_ASKED_AGAIN, shard.loop());
        }
    }

    public void remove(String channel) {
        if (channels.remove(channel)) {
            shard.unsubscribe(channel, subscriber);
            states.unsubscribed(channel, kind != Kind.HELD, shard.loop());
        }
    }

    public int size() {
        return channels.size();
    }

    public void clear() {
        for (String channel : channels) {
            shard.unsubscribe(channel, subscriber);
            states.unsubscribed(channel, kind != Kind.HELD, shard.loop());
        }
        channels.clear();
    }
}
