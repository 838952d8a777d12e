package dev.tack.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.subscription.Subscriber;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The node's view of its channels on an event loop whose time the test moves: the update a second after a
 * channel's first subscriber, the long-poll linger, and the last ids holds check prev-ids against.
 */
class ChannelStatesTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final SubscriptionRegistry registry = new SubscriptionRegistry(channel.eventLoop());
    private final AtomicInteger updates = new AtomicInteger();

    ChannelStatesTest() {
        channel.freezeTime();
    }

    private ReliableGrip grip(boolean updateOnFirst, long lingerMillis) {
        return HoldTestbed.grip(registry, channel.eventLoop(), new ReliableGrip.Settings(updateOnFirst, lingerMillis));
    }

    /** A hold that counts how often it is asked to re-sync. */
    private Subscriber hold() {
        return new Subscriber() {
            @Override
            public boolean deliver(String channel, PreparedItem item) {
                return false;
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean recover() {
                updates.incrementAndGet();
                return true;
            }
        };
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    @Test
    void aFreshChannelsHoldsAreUpdatedASecondAfterItsFirstSubscriber() {
        ReliableGrip grip = grip(true, 60_000);
        Subscriptions first = new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.HELD);
        first.add("news");
        advance(500);
        // A second hold on the channel now is no first subscription: no timer of its own.
        new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.HELD).add("news");
        advance(499);
        assertEquals(0, updates.get());
        advance(1);
        assertEquals(2, updates.get(), "both holds on the channel are updated once");
        advance(5_000);
        assertEquals(2, updates.get());
        assertFalse(channel.finish());
    }

    @Test
    void noUpdateWhenUpdateOnFirstSubscriptionIsOff() {
        ReliableGrip grip = grip(false, 60_000);
        new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.HELD).add("news");
        advance(5_000);
        assertEquals(0, updates.get());
    }

    @Test
    void aChannelThatWentAndCameBackIsUpdatedOnceForItsNewSubscription() {
        ReliableGrip grip = grip(true, 60_000);
        Subscriptions stream = new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.HELD);
        stream.add("news");
        advance(300);
        stream.clear();
        stream.add("news");
        advance(700);
        assertEquals(0, updates.get(), "the first subscription's timer no longer applies");
        advance(300);
        assertEquals(1, updates.get());
    }

    @Test
    void aLongPollsChannelLingersWithItsLastIdAndIsNoFirstSubscriptionWhenThePollComesBack() {
        ReliableGrip grip = grip(true, 60_000);
        Subscriptions poll = new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.LONG_POLL);
        poll.add("news");
        advance(1_000);
        assertEquals(1, updates.get());
        grip.watcher().published(PublishItem.of("news", HttpStreamFormat.of("x")).withId("7"));
        poll.clear();
        advance(59_999);
        assertTrue(grip.channels().tracks("news"));
        assertEquals("7", grip.channels().lastId("news"));
        Subscriptions next = new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.LONG_POLL);
        next.add("news");
        advance(5_000);
        assertEquals(1, updates.get(), "the returning poll is no first subscription");
        next.clear();
        advance(59_999);
        assertTrue(grip.channels().tracks("news"));
        advance(1);
        assertFalse(grip.channels().tracks("news"));
        assertNull(grip.channels().lastId("news"));
    }

    @Test
    void aLongPollAskedAgainIsNoFirstSubscriptionEvenWithoutALinger() {
        ReliableGrip grip = grip(true, 0);
        Subscriptions poll = new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip,
                Subscriptions.Kind.LONG_POLL);
        poll.add("news");
        advance(1_000);
        assertEquals(1, updates.get());
        poll.clear();
        assertFalse(grip.channels().tracks("news"), "no linger: the channel goes at once");
        new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.LONG_POLL_ASKED_AGAIN)
                .add("news");
        advance(5_000);
        assertEquals(1, updates.get());
    }

    @Test
    void aStreamsChannelIsForgottenAtOnceWhenItsLastListenerLeaves() {
        ReliableGrip grip = grip(true, 60_000);
        Subscriptions stream = new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.HELD);
        stream.add("news");
        grip.watcher().published(PublishItem.of("news", HttpStreamFormat.of("x")).withId("7"));
        assertEquals("7", grip.channels().lastId("news"));
        stream.clear();
        assertFalse(grip.channels().tracks("news"));
    }

    @Test
    void lastIdsAreKnownForSubscribedChannelsOnlyAndRecoverForgetsThem() {
        ReliableGrip grip = grip(true, 60_000);
        grip.watcher().published(PublishItem.of("nobody", HttpStreamFormat.of("x")).withId("1"));
        assertNull(grip.channels().lastId("nobody"));
        new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.HELD).add("a");
        new Subscriptions(registry.shard(channel.eventLoop()), hold(), grip, Subscriptions.Kind.HELD).add("b");
        grip.watcher().published(PublishItem.of("a", HttpStreamFormat.of("x")).withId("1"));
        grip.watcher().published(PublishItem.of("b", HttpStreamFormat.of("x")).withId("2"));
        grip.watcher().published(PublishItem.of("b", HttpStreamFormat.of("x")));
        assertEquals("1", grip.channels().lastId("a"));
        assertNull(grip.channels().lastId("b"), "an item without an id stops the tracking");
        grip.watcher().recovered(List.of("a"));
        assertNull(grip.channels().lastId("a"));
        grip.watcher().published(PublishItem.of("a", HttpStreamFormat.of("x")).withId("3"));
        grip.watcher().recovered(null);
        assertNull(grip.channels().lastId("a"));
    }
}
