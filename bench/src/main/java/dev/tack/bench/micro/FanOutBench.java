package dev.tack.bench.micro;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.NettyRecycling;
import dev.tack.proxy.delivery.PreparedItem;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One publish delivered to N stream-hold subscribers, through Tack's real registry, stream holds and
 * outboxes. The subscribers' channels are embedded (their bytes go to a queue, not a socket), and their shard
 * belongs to a real Netty event loop, so delivery runs on a Netty thread exactly as in Tack: that matters,
 * because Netty recycles its per-write objects only on its own threads. The score is per publish: divide it,
 * and {@code -prof gc}'s bytes per operation, by N for the cost per delivery; the aim is no allocation per
 * subscriber, so the bytes per operation should not grow with N.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// Netty's object pools sized as Tack sizes them (NettyRecycling), so the bytes per delivery are Tack's.
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled",
        "-Dio.netty.recycler.maxCapacityPerThread=" + NettyRecycling.MAX_CAPACITY,
        "-Dio.netty.recycler.chunkSize=" + NettyRecycling.CHUNK_SIZE})
public class FanOutBench {

    @Param({"1", "1000", "10000"})
    public int subscribers;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final AtomicLong delivered = new AtomicLong();
    private HeldStreams streams;
    private PublishItem item;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        streams = new HeldStreams(subscribers);
        item = PublishItem.of("news", HttpStreamFormat.of("data: {\"id\":7,\"votes\":3}\n\n"));
    }

    /**
     * Publishes from the benchmark thread, as the publish listener does from its own loop, then waits for a
     * task queued behind the delivery and its flush, which takes the written bytes off every channel.
     */
    @Benchmark
    public long publishToAll() throws Exception {
        PreparedItem prepared = PreparedItem.prepare(item, alloc);
        streams.registry.publish(List.of(prepared), delivered::addAndGet);
        streams.awaitDelivered();
        return delivered.get();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        streams.close();
        System.out.println("deliveries per publish: " + subscribers + " (divide the score by this for ns per delivery)");
    }
}
