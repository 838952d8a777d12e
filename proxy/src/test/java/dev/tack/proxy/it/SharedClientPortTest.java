package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.testing.BusServer;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.StreamClients;
import dev.tack.proxy.testing.Subscribers;
import dev.tack.proxy.testing.Subscribers.Subscriber;
import dev.tack.proxy.testing.Subscribers.Transport;
import dev.tack.proxy.testing.TackFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two Tack processes sharing one client port ({@code [tack] reuse_port}, SO_REUSEPORT): the kernel spreads the
 * clients over both, and a publish to either reaches all of them through the engine.
 */
class SharedClientPortTest {

    private static final int CLIENTS = 40;

    @Test
    void twoNodesOnOneClientPortServeEveryClientThroughTheEngine() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int shared = port;
        try (BusServer redis = BusServer.start(BusServer.Kind.REDIS);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, redis, shared, "node-a");
                TackFixture b = node(origin, redis, shared, "node-b");
                StreamClients streams = new StreamClients()) {
            assertEquals(shared, a.clientPort());
            assertEquals(shared, b.clientPort());
            Subscribers.serve(origin, "hot");
            List<Subscriber> clients = Subscribers.open(Transport.SSE, shared, streams, "hot", CLIENTS);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() + b.subscriptions() == CLIENTS
                    && redis.subscribers("tack.ch.hot", false) == 2);
            assertTrue(a.subscriptions() > 0 && b.subscriptions() > 0,
                    "both nodes hold clients: " + a.subscriptions() + " and " + b.subscriptions());
            assertEquals(200, b.publish(Subscribers.publishBody("hot", "to all")).statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream()
                    .allMatch(c -> c.messages().equals(List.of("to all"))));
        }
    }

    private static TackFixture node(OriginServer origin, BusServer redis, int port, String name) throws Exception {
        EngineSettings engine = EngineSettings.local().withEngine(redis.url()).withNodeName(name);
        return TackFixture.start(List.of("* 127.0.0.1:" + origin.port() + ",over_http"), s -> s.engine(engine)
                .reusePort(true).clientListeners(List.of(new InetSocketAddress("127.0.0.1", port))));
    }
}
