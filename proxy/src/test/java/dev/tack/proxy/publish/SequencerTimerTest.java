package dev.tack.proxy.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.Action;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.Subscriber;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.testing.DrivenTime;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publish sequencer's wait for a missing item, on driven time: it gives up after {@code message_wait}. */
class SequencerTimerTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final DrivenTime time = new DrivenTime();

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static PublishItem item(String id, String prevId) {
        return new PublishItem("seq", id, prevId, Map.of(), false, null,
                new HttpStreamFormat(Action.SEND, id.getBytes(StandardCharsets.UTF_8)), null);
    }

    @Test
    void itemWaitingForAMissingPredecessorGoesOutOnceMessageWaitHasPassed() {
        SubscriptionRegistry registry = new SubscriptionRegistry(loops);
        EventLoop loop = loops.next();
        List<String> delivered = new CopyOnWriteArrayList<>();
        Subscriber subscriber = new Subscriber() {
            @Override
            public boolean deliver(String channel, PreparedItem item) {
                delivered.add(item.item().id());
                return false;
            }

            @Override
            public void flush() {
            }
        };
        loop.submit(() -> registry.shard(loop).subscribe("seq", subscriber)).syncUninterruptibly();
        PublishService service = PublishService.local(registry, UnpooledByteBufAllocator.DEFAULT, new TackMetrics(""),
                5000, 0, loop, time);
        service.publish(List.of(item("a", null)));
        service.publish(List.of(item("c", "b")));
        await().until(() -> delivered.equals(List.of("a")));

        time.advance(Duration.ofSeconds(4));
        loop.submit(() -> { }).syncUninterruptibly();
        assertEquals(List.of("a"), delivered);
        time.advance(Duration.ofSeconds(2));
        await().until(() -> delivered.equals(List.of("a", "c")));
    }
}
