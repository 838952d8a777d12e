package dev.tack.proxy.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A loop's queue of published items is bounded in bytes as well as items (docs/reliability.md "Slow consumers"). */
class RegistryBacklogTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static PreparedItem item(int contentBytes) {
        return PreparedItem.prepare(PublishItem.of("c", HttpStreamFormat.of("x".repeat(contentBytes))),
                UnpooledByteBufAllocator.DEFAULT);
    }

    @Test
    void aBusyLoopSkipsPublishesPastItsByteBound() throws Exception {
        SubscriptionRegistry registry = new SubscriptionRegistry(loops, ChannelInterest.untracked(), 1000);
        CountDownLatch busy = new CountDownLatch(1);
        loops.next().execute(() -> {
            try {
                busy.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicLong delivered = new AtomicLong();
        PreparedItem first = item(590);
        assertEquals(597, first.size(), "chunk size line, content, CRLFs");
        registry.publish(List.of(first), delivered::addAndGet);
        registry.publish(List.of(item(590)), delivered::addAndGet);
        assertEquals(1, registry.skippedItems(), "597 + 597 bytes would pass the 1,000-byte bound");
        registry.publish(List.of(item(300)), delivered::addAndGet);
        assertEquals(1, registry.skippedItems(), "597 + 307 bytes fit");
        busy.countDown();
        await().until(() -> {
            CountDownLatch drained = new CountDownLatch(1);
            loops.next().execute(drained::countDown);
            return drained.await(1, TimeUnit.SECONDS);
        });
        registry.publish(List.of(item(590)), delivered::addAndGet);
        assertEquals(1, registry.skippedItems(), "room again once the loop caught up");
    }
}
