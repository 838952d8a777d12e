package dev.tack.bench.micro;

import dev.tack.api.Header;
import dev.tack.api.grip.ChannelSpec;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.HoldMode;
import dev.tack.proxy.history.Resume;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.origin.OriginTimings;
import dev.tack.proxy.origin.Signers;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RoutesParser;
import dev.tack.proxy.session.HeldRequest;
import dev.tack.proxy.session.HoldContext;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.session.StreamHold;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * N SSE stream holds on channel {@code news}, held by Tack's real registry on one Netty event loop, their
 * connections embedded (written bytes go to a queue, not a socket): the subscribers of the fan-out benchmarks.
 */
final class HeldStreams {

    final DefaultEventLoop loop = new DefaultEventLoop();
    final SubscriptionRegistry registry = new SubscriptionRegistry(loop);
    final TackMetrics metrics = new TackMetrics("");
    /** What each hold knows of its request; no origin is ever asked (no links, no updates on first subscription). */
    private final HeldRequest request;
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final Runnable drainAll = this::drainAll;

    /** Opens {@code count} stream holds on {@code news}, on the loop. */
    HeldStreams(int count) throws Exception {
        Route route = RoutesParser.parse(List.of("* test"), warning -> { }).get(0);
        Origin origin = new Origin(NioSocketChannel.class, OriginTimings.defaults(),
                new Signers(List.of(route), "", "pushpin", "", Path.of("."), Clock.systemUTC()),
                ForwardingPolicy.none(), metrics, TimeSource.LOOPS);
        ReliableGrip grip = new ReliableGrip(origin, registry, loop, new ReliableGrip.Settings(false, 0));
        // As in the server: the registry tells the node's channel states of every item published.
        registry.watch(grip.watcher());
        request = new HeldRequest(grip, route, "http://localhost/events", false, List.of(), 20, null, false);
        loop.submit(() -> hold(count)).get();
    }

    private void hold(int count) {
        GripInstruction instruction = new GripInstruction(HoldMode.STREAM, List.of(ChannelSpec.of("news")), 55, null,
                Map.of(), 200, "OK", List.of(new Header("Content-Type", "text/event-stream")), new byte[0]);
        for (int i = 0; i < count; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(), new ChannelInboundHandlerAdapter());
            ChannelHandlerContext client = channel.pipeline().lastContext();
            ChannelHandlerContext codec = channel.pipeline().firstContext();
            HoldContext context = new HoldContext(client, codec, registry.shard(loop), metrics, 100, TimeSource.LOOPS,
                    () -> { }, request);
            new StreamHold(context, instruction, List.of("news"), Resume.NONE).start();
            drain(channel);
            channels.add(channel);
        }
    }

    /** Waits for a task queued behind the delivery and its flush, which takes the written bytes off every channel. */
    void awaitDelivered() throws Exception {
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

    void close() throws Exception {
        loop.submit(() -> channels.forEach(EmbeddedChannel::finishAndReleaseAll)).get();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
