package dev.tack.proxy.session;

import dev.tack.proxy.subscription.Shard;
import dev.tack.proxy.subscription.Subscriber;
import java.util.ArrayList;
import java.util.List;

/** The channels one held connection listens on, so that leaving unsubscribes from every one of them. */
final class Subscriptions {

    private final Shard shard;
    private final Subscriber subscriber;
    private final List<String> channels = new ArrayList<>(2);

    Subscriptions(Shard shard, Subscriber subscriber) {
        this.shard = shard;
        this.subscriber = subscriber;
    }

    void add(String channel) {
        if (!channels.contains(channel) && shard.subscribe(channel, subscriber)) {
            channels.add(channel);
        }
    }

    void remove(String channel) {
        if (channels.remove(channel)) {
            shard.unsubscribe(channel, subscriber);
        }
    }

    int size() {
        return channels.size();
    }

    void clear() {
        for (String channel : channels) {
            shard.unsubscribe(channel, subscriber);
        }
        channels.clear();
    }
}
