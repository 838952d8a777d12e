package dev.tack.bench.micro;

import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.NettyRecycling;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One publish on a single node, from the publish stage's entry ({@link PublishService#publish}, which the HTTP
 * and ZeroMQ inputs call) through the local engine, sequencing, encoding and the registry to N stream holds on a
 * Netty event loop. Unlike {@link FanOutBench}, which starts at the registry, this covers everything a publish
 * costs on one node, so it shows whether the engine boundary added anything to the single-node path.
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
public class PublishBench {

    @Param({"1", "1000"})
    public int subscribers;

    private HeldStreams streams;
    private PublishService service;
    private List<PublishItem> items;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        streams = new HeldStreams(subscribers);
        service = PublishService.local(streams.registry, PooledByteBufAllocator.DEFAULT, streams.metrics, 5000, 0,
                streams.loop, TimeSource.LOOPS);
        items = List.of(PublishItem.of("news", HttpStreamFormat.of("data: {\"id\":7,\"votes\":3}\n\n")));
    }

    /** Publishes from the benchmark thread, as the publish listener does, then waits for delivery and flush. */
    @Benchmark
    public void publish() throws Exception {
        service.publish(items);
        streams.awaitDelivered();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        streams.close();
    }
}
