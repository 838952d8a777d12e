package dev.tack.proxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.proxy.delivery.PreparedItem;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivery on one event loop: one failing subscriber never keeps an item from the subscribers after it. */
class ShardTest {

    @Test
    void aSubscriberThatThrowsIsSkippedAndTheNextOnesStillGetTheItem() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Shard shard = new SubscriptionRegistry(channel.eventLoop()).shard(channel.eventLoop());
        List<String> got = new ArrayList<>();
        shard.subscribe("news", recording("first", got));
        shard.subscribe("news", new Subscriber() {
            @Override
            public boolean deliver(String channel, PreparedItem item) {
                throw new IllegalStateException("a bug in one subscriber");
            }

            @Override
            public void flush() {
            }
        });
        shard.subscribe("news", recording("third", got));
        PreparedItem item = PreparedItem.prepare(new PublishItem("news", null, null, Map.of(), false, null, null,
                WsMessageFormat.text("hi")), UnpooledByteBufAllocator.DEFAULT);
        try {
            assertEquals(3, shard.deliver(List.of(item)));
        } finally {
            item.release();
        }
        assertEquals(List.of("first", "third"), got);
        channel.finishAndReleaseAll();
    }

    private static Subscriber recording(String name, List<String> got) {
        return new Subscriber() {
            @Override
            public boolean deliver(String channel, PreparedItem item) {
                got.add(name);
                return false;
            }

            @Override
            public void flush() {
            }
        };
    }
}
