package dev.tack.proxy.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.metrics.TackMetrics;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lanes between a bus reader and the event loops: order per channel, and a bound that drops and counts. */
class InboxTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
    private final EngineStats stats = new EngineStats(new TackMetrics(""));
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private EngineListener listener(CountDownLatch gate) {
        return new EngineListener() {
            @Override
            public void onItems(List<PublishItem> items) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                items.forEach(item -> received.add(item.channel() + ":" + new String(item.httpStream().content(),
                        java.nio.charset.StandardCharsets.UTF_8)));
            }

            @Override
            public void onCommand(NodeCommand command) {
                received.add(command.toString());
            }

            @Override
            public void onEvent(EngineEvent event, Set<String> channels) {
            }
        };
    }

    private static byte[] message(String channel, String content) {
        return BusCodec.encode(PublishItem.of(channel, HttpStreamFormat.of(content)), "n");
    }

    @Test
    void aChannelsMessagesArriveInOrderAndUnreadableOnesAreCounted() {
        Inbox inbox = new Inbox(loops, listener(new CountDownLatch(0)), stats, 1000, 1 << 20);
        for (int i = 0; i < 500; i++) {
            inbox.offer("news".hashCode(), message("news", String.valueOf(i)));
        }
        inbox.offer(1, "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 500);
        for (int i = 0; i < 500; i++) {
            assertEquals("news:" + i, received.get(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stats.malformed.count() == 1);
    }

    @Test
    void aFullLaneDropsAndCounts() throws Exception {
        DefaultEventLoopGroup one = new DefaultEventLoopGroup(1);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            // The lane's loop is busy until the gate opens, so nothing drains while the messages arrive.
            one.next().execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Inbox inbox = new Inbox(one, listener(new CountDownLatch(0)), stats, 10, 1 << 20);
            for (int i = 0; i < 30; i++) {
                inbox.offer(7, message("c", String.valueOf(i)));
            }
            assertEquals(20, stats.droppedCount());
            gate.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 10);
            assertEquals("c:9", received.get(9));
        } finally {
            one.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
