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
    private final boolean lingers;
    private final List<String> channels = new ArrayList<>(2);

    /**
     * @param grip what the node's holds share
     * @param lingers whether the subscriber is a long-poll, whose channels linger when it was their last listener
     */
    public Subscriptions(Shard shard, Subscriber subscriber, ReliableGrip grip, boolean lingers) {
        this.shard = shard;
        this.subscriber = subscriber;
        this.states = grip.channels();
        this.lingers = lingers;
    }

    public void add(String channel) {
        if (!channels.contains(channel) && shard.subscribe(channel, subscriber)) {
            channels.add(channel);
            states.subscribed(channel, shard.loop());
        }
    }

    public void remove(String channel) {
        if (channels.remove(channel)) {
            shard.unsubscribe(channel, subscriber);
            states.unsubscribed(channel, lingers, shard.loop());
        }
    }

    public int size() {
        return channels.size();
    }

    public void clear() {
        for (String channel : channels) {
            shard.unsubscribe(channel, subscriber);
            states.unsubscribed(channel, lingers, shard.loop());
        }
        channels.clear();
    }
}
