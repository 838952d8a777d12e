package dev.tack.proxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.delivery.PreparedItem;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status page's busiest channels, as one event loop's shard counts them. */
class ShardTopChannelsTest {

    private static Subscriber subscriber() {
        return new Subscriber() {
            @Override
            public boolean deliver(String channel, PreparedItem item) {
                return false;
            }

            @Override
            public void flush() {
            }
        };
    }

    private static void subscribe(Shard shard, String channel, int count) {
        for (int i = 0; i < count; i++) {
            shard.subscribe(channel, subscriber());
        }
    }

    @Test
    void mostSubscribedChannelsComeFirstAndTheListStopsAtTheLimit() {
        EmbeddedChannel loop = new EmbeddedChannel();
        Shard shard = new Shard(loop.eventLoop(), ChannelInterest.untracked());
        subscribe(shard, "quiet", 1);
        subscribe(shard, "busy", 5);
        subscribe(shard, "middle", 3);
        subscribe(shard, "small", 2);
        assertEquals(List.of(new ChannelCount("busy", 5), new ChannelCount("middle", 3)), shard.topChannels(2));
        assertEquals(4, shard.topChannels(10).size());
        assertEquals(List.of(), shard.topChannels(0));
        loop.finishAndReleaseAll();
    }
}
