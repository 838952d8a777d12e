package dev.tack.proxy.session;

import dev.tack.proxy.subscription.Shard;
import dev.tack.proxy.subscription.Subscriber;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels one held connection (a hold, a WebSocket session) listens on, so that leaving unsubscribes from
 * every one of them. Confined to the connection's event loop.
 */
public final class Subscriptions {

    private final Shard shard;
    private final Subscriber subscriber;
    private final List<String> channels = new ArrayList<>(2);

    public Subscriptions(Shard shard, Subscriber subscriber) {
        this.shard = shard;
        this.subscriber = subscriber;
    }

    public void add(String channel) {
        if (!channels.contains(channel) && shard.subscribe(channel, subscriber)) {
            channels.add(channel);
        }
    }

    public void remove(String channel) {
        if (channels.remove(channel)) {
            shard.unsubscribe(channel, subscriber);
        }
    }

    public int size() {
        return channels.size();
    }

    public void clear() {
        for (String channel : channels) {
            shard.unsubscribe(channel, subscriber);
        }
        channels.clear();
    }
}
