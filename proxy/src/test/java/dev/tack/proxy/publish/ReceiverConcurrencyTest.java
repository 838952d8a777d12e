package dev.tack.proxy.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Publishes to different channels do not wait for each other in the receiving node's sequencer
 * (docs/reliability.md "Publishing under load"): while one publisher is held up inside the sequencer, another one,
 * on another channel, gets through.
 */
class ReceiverConcurrencyTest {

    private static final int SLOW_SIZE = 777;
    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch slowEntered = new CountDownLatch(1);

    /** Holds up the encoding of a 777-byte chunk (channel "slow"'s item) until the test lets it go. */
    private final AbstractByteBufAllocator stalling = new AbstractByteBufAllocator(false) {
        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            if (initialCapacity >= SLOW_SIZE && initialCapacity < SLOW_SIZE + 10) {
                slowEntered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    };

    @AfterEach
    void stop() {
        release.countDown();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aPublisherHeldUpOnOneChannelDoesNotStopAnotherChannel() throws Exception {
        Receiver receiver = new Receiver(new SubscriptionRegistry(loops), stalling, new TackMetrics(""), 5000, 0,
                loops.next(), TimeSource.LOOPS);
        String slow = "slow";
        String other = "fast-0";
        for (int i = 1; Receiver.stripe(other) == Receiver.stripe(slow); i++) {
            other = "fast-" + i;
        }
        assertNotEquals(Receiver.stripe(slow), Receiver.stripe(other));
        PublishItem slowItem = PublishItem.of(slow, HttpStreamFormat.of("s".repeat(SLOW_SIZE)));
        PublishItem fastItem = PublishItem.of(other, HttpStreamFormat.of("quick"));
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> receiver.onItems(List.of(slowItem)));
        slowEntered.await(10, TimeUnit.SECONDS);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> receiver.onItems(List.of(fastItem)));
        await().atMost(5, TimeUnit.SECONDS).until(second::isDone);
        assertFalse(first.isDone(), "the first publisher is still held up");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }
}
