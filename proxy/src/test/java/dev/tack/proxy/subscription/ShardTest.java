package dev.tack.proxy.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.proxy.delivery.PreparedItem;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Delivery on one event loop: one failing subscriber never keeps an item from the subscribers after it, and
 * publishes that reach the loop while it delivers share the subscriber's flush.
 */
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

    @Test
    void aPublishHandedOverWhileTheLoopDeliversSharesTheFlush() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        PreparedItem item = PreparedItem.prepare(new PublishItem("news", null, null, Map.of(), false, null, null,
                WsMessageFormat.text("hi")), UnpooledByteBufAllocator.DEFAULT);
        try {
            EventLoop loop = group.next();
            Shard shard = new SubscriptionRegistry(group).shard(loop);
            AtomicInteger deliveries = new AtomicInteger();
            AtomicInteger flushes = new AtomicInteger();
            Subscriber subscriber = new Subscriber() {
                private boolean unflushed;

                @Override
                public boolean deliver(String channel, PreparedItem delivered) {
                    deliveries.incrementAndGet();
                    boolean first = !unflushed;
                    unflushed = true;
                    return first;
                }

                @Override
                public void flush() {
                    unflushed = false;
                    flushes.incrementAndGet();
                }
            };
            loop.submit(() -> shard.subscribe("news", subscriber)).get();
            loop.submit(() -> {
                shard.deliver(List.of(item));
                // What the other loop's publish task does when it arrives while this one is being delivered.
                loop.execute(() -> shard.deliver(List.of(item)));
            }).get();
            await().atMost(10, TimeUnit.SECONDS).until(() -> flushes.get() > 0);
            loop.submit(() -> { }).get();
            assertEquals(2, deliveries.get());
            assertEquals(1, flushes.get());
        } finally {
            item.release();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
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
