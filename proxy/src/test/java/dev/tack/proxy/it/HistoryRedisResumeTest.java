package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.testing.BusServer;
import dev.tack.proxy.testing.EventSources;
import dev.tack.proxy.testing.Json;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.PacedPublisher;
import dev.tack.proxy.testing.SocketRelay;
import dev.tack.proxy.testing.TackFixture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * History in Redis Streams (docs/history.md "Redis"): two Tack nodes on one real {@code redis-server} (a child
 * process on a free port, persistence off). An SSE client follows a channel on node A, is cut off while publishing
 * goes on, and comes back through node B, which has never had a listener on the channel: B reads what the client
 * missed from Redis and the client ends up with every message once, in order.
 */
class HistoryRedisResumeTest {

    private static final int MESSAGES = 80;

    static TackFixture node(OriginServer origin, BusServer redis, String name) throws Exception {
        EngineSettings engine = EngineSettings.local().withEngine(redis.url()).withNodeName(name);
        return TackFixture.start(List.of("* 127.0.0.1:" + origin.port()),
                s -> s.engine(engine).history(HistorySettings.on("ticks")));
    }

    @Test
    void sseClientResumesOnAnotherNodeFromRedis() throws Exception {
        try (BusServer redis = BusServer.start(BusServer.Kind.REDIS);
                OriginServer origin = new OriginServer();
                TackFixture a = node(origin, redis, "node-a");
                TackFixture b = node(origin, redis, "node-b");
                SocketRelay relay = new SocketRelay(a.clientPort())) {
            origin.on("/ticks", r -> Reply.of(200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream",
                    "Grip-Channel", "ticks"));
            EventSource source = EventSources.reconnecting(URI.create("http://127.0.0.1:" + relay.port() + "/ticks"));
            List<MessageEvent> events = EventSources.collect(source);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> a.subscriptions() == 1
                        && redis.subscribers("tack.ch.ticks", false) == 1);
                try (PacedPublisher publisher = new PacedPublisher(a, MESSAGES, Duration.ofMillis(100),
                        n -> "{\"items\":[{\"channel\":\"ticks\",\"id\":\"" + n + "\",\"formats\":{\"http-stream\":"
                                + "{\"content\":" + Json.quote("id: " + n + "\ndata: " + n + "\n\n") + "}}}]}")) {
                    assertEquals(IntStream.rangeClosed(1, MESSAGES).mapToObj(String::valueOf).toList(),
                            EventSources.cutWhilePublishing(events, relay, publisher, 30, MESSAGES,
                                    () -> relay.retarget(b.clientPort())));
                }
                assertEquals(1, b.subscriptions(), "the client came back through node b");
                assertTrue(b.metric("tack_history_recover_total{result=\"recovered\"}") >= 1);
                assertEquals(0.0, a.metric("tack_history_recover_total{result=\"recovered\"}"));
            } finally {
                source.close();
            }
        }
    }
}
