package dev.tack.bench.micro;

import dev.tack.api.Header;
import dev.tack.api.grip.ChannelSpec;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.session.HoldContext;
import dev.tack.proxy.session.StreamHold;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
public class FanOutBench {

    @Param({"1", "1000", "10000"})
    public int subscribers;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final Runnable drainAll = this::drainAll;
    private SubscriptionRegistry registry;
    private PublishItem item;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        registry = new SubscriptionRegistry(loop);
        loop.submit(this::subscribeAll).get();
        item = PublishItem.of("news", HttpStreamFormat.of("data: {\"id\":7,\"votes\":3}\n\n"));
    }

    private void subscribeAll() {
        TackMetrics metrics = new TackMetrics("");
        GripInstruction instruction = new GripInstruction(HoldMode.STREAM, List.of(ChannelSpec.of("news")), 55, null,
                Map.of(), 200, "OK", List.of(new Header("Content-Type", "text/event-stream")), new byte[0]);
        for (int i = 0; i < subscribers; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new ChannelInboundHandlerAdapter());
            ChannelHandlerContext client = channel.pipeline().lastContext();
            ChannelHandlerContext codec = channel.pipeline().firstContext();
            HoldContext context = new HoldContext(client, codec, registry.shard(loop), metrics, 100, TimeSource.LOOPS,
                    () -> { });
            new StreamHold(context, instruction, List.of("news")).start();
            drain(channel);
            channels.add(channel);
        }
    }

    /**
     * Publishes from the benchmark thread, as the publish listener does from its own loop, then waits for a
     * task queued behind the delivery and its flush, which takes the written bytes off every channel.
     */
    @Benchmark
    public long publishToAll() throws Exception {
        PreparedItem prepared = PreparedItem.prepare(item, alloc);
        registry.publish(List.of(prepared), delivered::addAndGet);
        loop.submit(drainAll).get();
        return delivered.get();
    }

    private void drainAll() {
        for (int i = 0; i < channels.size(); i++) {
            drain(channels.get(i));
        }
    }

    private static void drain(EmbeddedChannel channel) {
        Object written;
        while ((written = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(written);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        loop.submit(() -> channels.forEach(EmbeddedChannel::finishAndReleaseAll)).get();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        System.out.println("deliveries per publish: " + subscribers + " (divide the score by this for ns per delivery)");
    }
}
