package dev.tack.proxy.history;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.testing.BusServer;
import dev.tack.proxy.testing.TackFixture;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Reads of the Redis engine's streams as history uses them: items come back encoded, with their positions, and
 * identical reads in flight at once ask Redis once ({@link Reads}).
 */
class EngineStoreTest {

    @Test
    void identicalReadsInFlightAskRedisOnceAndShareTheAnswer() throws Exception {
        try (BusServer redis = BusServer.start(BusServer.Kind.REDIS);
                TackFixture tack = TackFixture.start(List.of("* test"), s -> s.engine(EngineSettings.local()
                        .withEngine(redis.url()).withNodeName("n")).history(HistorySettings.on("news")))) {
            await().until(() -> tack.server().engine().up());
            for (int n = 1; n <= 3; n++) {
                assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"news\",\"id\":\"" + n + "\",\"formats\":"
                        + "{\"http-stream\":{\"content\":\"" + n + "\"}}}]}").statusCode());
            }
            HistoryMeters meters = new HistoryMeters(new TackMetrics(""));
            Reads reads = new Reads(new EngineStore(tack.server().engine().streams(), UnpooledByteBufAllocator.DEFAULT),
                    meters);
            StreamQuery after1 = new StreamQuery.After(null, "1");
            List<CompletableFuture<Slice>> inFlight = new ArrayList<>();
            // Redis holds the first read's answer while the other four are asked, however slow this machine is.
            redis.pauseClients(Duration.ofSeconds(1));
            for (int i = 0; i < 5; i++) {
                inFlight.add(reads.read("news", after1, 300).toCompletableFuture());
            }
            assertEquals(4.0, meters.merged.count(), "one read went to Redis; four joined it");
            for (CompletableFuture<Slice> read : inFlight) {
                Slice slice = read.join();
                assertEquals(StreamRead.Result.OK, slice.result());
                List<String> ids = new ArrayList<>();
                for (PreparedItem item : slice.items()) {
                    ids.add(item.item().id());
                    assertEquals(slice.top().epoch(), item.position().epoch());
                }
                assertEquals(List.of("2", "3"), ids);
                assertEquals(3, slice.items().get(1).position().offset());
                slice.release();
            }
        }
    }
}
