package dev.tack.proxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Node-wide commands reach subscribers through the registry's hooks, counted by who could act on them. */
class RegistryCommandsTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
    private final SubscriptionRegistry registry = new SubscriptionRegistry(loops);

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Supports every command; leaves channel {@code a} when recovered, as a long-poll that re-asks would. */
    private static final class Able implements Subscriber {
        final String id;
        Shard shard;
        int recovered;
        int refreshed;
        int closed;

        Able(String id) {
            this.id = id;
        }

        @Override
        public boolean deliver(String channel, PreparedItem item) {
            return false;
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean recover() {
            recovered++;
            shard.unsubscribe("a", this);
            return true;
        }

        @Override
        public boolean refresh() {
            refreshed++;
            return true;
        }

        @Override
        public String connectionId() {
            return id;
        }

        @Override
        public boolean closeConnection() {
            closed++;
            return true;
        }
    }

    /** Supports nothing: the interface's defaults. */
    private static final Subscriber PLAIN = new Subscriber() {
        @Override
        public boolean deliver(String channel, PreparedItem item) {
            return false;
        }

        @Override
        public void flush() {
        }
    };

    private void subscribe(int loop, String channel, Subscriber subscriber) throws Exception {
        List<EventExecutor> executors = new ArrayList<>();
        loops.forEach(executors::add);
        EventLoop executor = (EventLoop) executors.get(loop);
        executor.submit(() -> {
            Shard shard = registry.shard(executor);
            if (subscriber instanceof Able able) {
                able.shard = shard;
            }
            shard.subscribe(channel, subscriber);
        }).get();
    }

    @Test
    void recoverAsksEverySubscriberOnceAndCountsTheOnesWithoutSupport() throws Exception {
        Able able = new Able("c1");
        subscribe(0, "a", able);
        subscribe(0, "b", able);
        subscribe(1, "a", PLAIN);
        assertEquals(new SubscriptionRegistry.Reach(2, 1), registry.recover(null).get());
        assertEquals(1, able.recovered);
        assertEquals(2, registry.counts().get().subscriptions());
        assertEquals(new SubscriptionRegistry.Reach(1, 0), registry.recover(List.of("a")).get());
    }

    @Test
    void refreshAndCloseFindTheirConnectionOnAnyLoop() throws Exception {
        Able one = new Able("c1");
        Able two = new Able("c2");
        subscribe(0, "a", one);
        subscribe(1, "b", two);
        assertEquals(new SubscriptionRegistry.Reach(1, 1), registry.refreshConnection("c2").get());
        assertEquals(1, two.refreshed);
        assertEquals(0, one.refreshed);
        assertEquals(new SubscriptionRegistry.Reach(1, 1), registry.refresh("a").get());
        assertEquals(new SubscriptionRegistry.Reach(0, 0), registry.closeConnection("nobody").get());
        assertEquals(new SubscriptionRegistry.Reach(1, 1), registry.closeConnection("c1").get());
        assertEquals(1, one.closed);
    }
}
