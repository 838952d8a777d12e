package dev.tack.bench.micro;

import dev.tack.api.Header;
import dev.tack.api.grip.ChannelSpec;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.session.HoldContext;
import dev.tack.proxy.session.StreamHold;
import dev.tack.proxy.subscription.SubscriptionRegistry;
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
 * and ZeroMQ inputs call) through sequencing, encoding, the engine and the registry to N stream holds on a Netty
 * event loop. Unlike {@link FanOutBench}, which starts at the registry, this covers everything a publish costs
 * on one node, so it shows whether the engine boundary added anything to the single-node path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
public class PublishBench {

    @Param({"1", "1000"})
    public int subscribers;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final Runnable drainAll = this::drainAll;
    private PublishService service;
    private List<PublishItem> items;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        SubscriptionRegistry registry = new SubscriptionRegistry(loop);
        TackMetrics metrics = new TackMetrics("");
        service = PublishService.local(registry, PooledByteBufAllocator.DEFAULT, metrics, 5000, 0, loop);
        loop.submit(() -> subscribeAll(registry, metrics)).get();
        items = List.of(PublishItem.of("news", HttpStreamFormat.of("data: {\"id\":7,\"votes\":3}\n\n")));
    }

    private void subscribeAll(SubscriptionRegistry registry, TackMetrics metrics) {
        GripInstruction instruction = new GripInstruction(HoldMode.STREAM, List.of(ChannelSpec.of("news")), 55, null,
                Map.of(), 200, "OK", List.of(new Header("Content-Type", "text/event-stream")), new byte[0]);
        for (int i = 0; i < subscribers; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new ChannelInboundHandlerAdapter());
            ChannelHandlerContext client = channel.pipeline().lastContext();
            ChannelHandlerContext codec = channel.pipeline().firstContext();
            HoldContext context = new HoldContext(client, codec, registry.shard(loop), metrics, 100, () -> { });
            new StreamHold(context, instruction, List.of("news")).start();
            drain(channel);
            channels.add(channel);
        }
    }

    /** Publishes from the benchmark thread, as the publish listener does, then waits for delivery and flush. */
    @Benchmark
    public void publish() throws Exception {
        service.publish(items);
        loop.submit(drainAll).get();
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
    }
}
