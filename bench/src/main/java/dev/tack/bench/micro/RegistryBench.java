package dev.tack.bench.micro;

import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.subscription.Shard;
import dev.tack.proxy.subscription.Subscriber;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Looking a channel up in a shard holding many channels, and subscribing/unsubscribing. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegistryBench {

    @Param({"1000", "100000"})
    public int channels;

    private Shard shard;
    private int next;

    private static final Subscriber NOBODY = new Subscriber() {
        @Override
        public boolean deliver(String channel, PreparedItem item) {
            return false;
        }

        @Override
        public void flush() {
        }
    };

    @Setup(Level.Trial)
    public void fill() {
        EmbeddedChannel owner = new EmbeddedChannel();
        shard = new SubscriptionRegistry(owner.eventLoop()).shard(owner.eventLoop());
        for (int i = 0; i < channels; i++) {
            shard.subscribe("channel-" + i, NOBODY);
        }
    }

    @Benchmark
    public boolean lookup() {
        next = (next + 7919) % channels;
        return shard.hasSubscribers("channel-" + next);
    }

    @Benchmark
    public int subscribeAndUnsubscribe() {
        shard.subscribe("fresh", NOBODY);
        shard.unsubscribe("fresh", NOBODY);
        return shard.channelCount();
    }
}
