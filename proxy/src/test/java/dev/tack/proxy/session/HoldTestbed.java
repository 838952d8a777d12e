package dev.tack.proxy.session;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.origin.OriginTimings;
import dev.tack.proxy.origin.Signers;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RoutesException;
import dev.tack.proxy.route.RoutesParser;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** What unit tests of holds and their helpers need from the node: a request to hold, and the node's shared parts. */
final class HoldTestbed {

    private HoldTestbed() {
    }

    /** The node's shared reliable-GRIP parts over {@code registry}, with timers on {@code loop}'s own time. */
    static ReliableGrip grip(SubscriptionRegistry registry, EventExecutor loop, ReliableGrip.Settings settings) {
        Route route = route();
        Origin origin = new Origin(NioSocketChannel.class, OriginTimings.defaults(),
                new Signers(List.of(route), "", "pushpin", "", Path.of("."), Clock.systemUTC()),
                ForwardingPolicy.none(), new TackMetrics(""), TimeSource.LOOPS);
        ReliableGrip grip = new ReliableGrip(origin, registry, loop, settings);
        registry.watch(grip.watcher());
        return grip;
    }

    /** A request for {@code http://example.com/stream} through a route to an origin nobody listens on. */
    static HeldRequest request(SubscriptionRegistry registry, EventExecutor loop, ReliableGrip.Settings settings) {
        return new HeldRequest(grip(registry, loop, settings), route(), "http://example.com/stream", false,
                List.of(), 20, null, false);
    }

    static Route route() {
        try {
            return RoutesParser.parse(List.of("* 127.0.0.1:9"), new ArrayList<String>()::add).get(0);
        } catch (RoutesException e) {
            throw new AssertionError(e);
        }
    }
}
