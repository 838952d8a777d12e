package dev.tack.proxy.testing;

import dev.tack.proxy.delivery.OutboxLimits;
import dev.tack.proxy.history.History;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.origin.Origin;
import dev.tack.proxy.origin.OriginTimings;
import dev.tack.proxy.origin.Signers;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.session.ProxyEnvironment;
import dev.tack.proxy.session.ReliableGrip;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The collaborators of client handlers under test, as the composition root builds them, on the loops' own time. */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    /** An environment for {@code routes} whose registry spans {@code loops}; origins are signed with {@code sigKey}. */
    public static ProxyEnvironment of(List<Route> routes, EventLoopGroup loops, TackMetrics metrics, String sigKey) {
        Signers signers = new Signers(routes, sigKey, "pushpin", "", Path.of("."), Clock.systemUTC());
        Origin origin = new Origin(NioSocketChannel.class, OriginTimings.defaults(), signers, ForwardingPolicy.none(),
                metrics, TimeSource.LOOPS);
        SubscriptionRegistry registry = new SubscriptionRegistry(loops);
        ReliableGrip grip = new ReliableGrip(origin, registry, loops.next(), ReliableGrip.Settings.defaults());
        registry.watch(grip.watcher());
        return new ProxyEnvironment(origin, registry, metrics, 20, OutboxLimits.messages(100), false, false, false,
                grip, History.off());
    }
}
