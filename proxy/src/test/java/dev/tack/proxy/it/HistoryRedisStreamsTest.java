package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tack.proxy.delivery.StreamPosition;
import dev.tack.proxy.engine.ChannelStreams;
import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.engine.StreamQuery;
import dev.tack.proxy.engine.StreamRead;
import dev.tack.proxy.history.HistorySettings;
import dev.tack.proxy.server.ServerSettings;
import dev.tack.proxy.testing.BusServer;
import dev.tack.proxy.testing.TackFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Redis engine's streams (docs/history.md "Redis"), read straight through the engine: the publish script keeps
 * each channel within its bounds and the server within its caps, and refuses a repeated id while {@code
 * id_cache_ttl} is on; reads are all or nothing, as the memory store's.
 */
class HistoryRedisStreamsTest {

    private static TackFixture node(BusServer redis, HistorySettings history) throws Exception {
        EngineSettings engine = EngineSettings.local().withEngine(redis.url()).withNodeName("n");
        return TackFixture.start(List.of("* test"), s -> s.engine(engine).history(history)
                .sequencing(new ServerSettings.Sequencing(5000, 60)));
    }

    private static void publish(TackFixture tack, String channel, String id) throws Exception {
        assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"" + channel + "\"" + (id == null ? ""
                : ",\"id\":\"" + id + "\"") + ",\"formats\":{\"http-stream\":{\"content\":\"" + id + "\"}}}]}")
                .statusCode());
    }

    private static StreamRead read(ChannelStreams streams, String channel, StreamQuery query, int limit) {
        return streams.read(channel, query, limit).toCompletableFuture().join();
    }

    private static List<String> ids(StreamRead read) {
        return read.entries().stream().map(e -> e.item().id()).toList();
    }

    @Test
    void eachChannelIsTrimmedToItsBoundsAndReadsAreAllOrNothing() throws Exception {
        try (BusServer redis = BusServer.start(BusServer.Kind.REDIS);
                TackFixture tack = node(redis, HistorySettings.on("news").withLimits(5, 300, 1 << 20, 1 << 24, 10))) {
            ChannelStreams streams = tack.server().engine().streams();
            assertNotNull(streams);
            await().until(() -> tack.server().engine().up());
            for (int n = 1; n <= 8; n++) {
                publish(tack, "news", String.valueOf(n));
            }
            StreamRead top = read(streams, "news", new StreamQuery.Top(), 300);
            assertEquals(8, top.top().offset());
            assertEquals(List.of("5", "6", "7", "8"), ids(read(streams, "news", new StreamQuery.After(null, "4"), 300)));
            assertEquals(StreamRead.Result.UNKNOWN_POSITION,
                    read(streams, "news", new StreamQuery.After(null, "2"), 300).result());
            assertEquals(StreamRead.Result.EVICTED, read(streams, "news",
                    new StreamQuery.After(new StreamPosition(top.top().epoch(), 2), null), 300).result());
            assertEquals(StreamRead.Result.EPOCH_CHANGED, read(streams, "news",
                    new StreamQuery.After(new StreamPosition("other", 6), null), 300).result());
            assertEquals(StreamRead.Result.TOO_LARGE, read(streams, "news", new StreamQuery.After(null, "4"), 3).result());
            assertEquals(List.of("6", "7", "8"), ids(read(streams, "news", new StreamQuery.Last(3), 300)));
            assertEquals(List.of("4", "5", "6", "7", "8"), ids(read(streams, "news", new StreamQuery.Since(60_000), 300)));

            // a repeated id is neither stored nor delivered; an item with nothing history keeps is not stored
            publish(tack, "news", "8");
            assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"news\",\"formats\":{\"http-stream\":"
                    + "{\"action\":\"close\"}}}]}").statusCode());
            assertEquals(8, read(streams, "news", new StreamQuery.Top(), 300).top().offset());
        }
    }

    @Test
    void pastTheServersChannelCapTheLeastRecentlyUsedChannelIsEvictedWhole() throws Exception {
        try (BusServer redis = BusServer.start(BusServer.Kind.REDIS);
                TackFixture tack = node(redis, HistorySettings.on("*").withLimits(100, 300, 1 << 20, 1 << 24, 2))) {
            ChannelStreams streams = tack.server().engine().streams();
            await().until(() -> tack.server().engine().up());
            publish(tack, "a", "1");
            StreamPosition a = read(streams, "a", new StreamQuery.Top(), 300).top();
            publish(tack, "b", "1");
            publish(tack, "c", "1");
            StreamRead again = read(streams, "a", new StreamQuery.After(a, null), 300);
            assertEquals(StreamRead.Result.EPOCH_CHANGED, again.result());
            assertNotEquals(a.epoch(), again.top().epoch());
            assertEquals(0, again.top().offset());
        }
    }

    @Test
    void pastTheServersByteCapWholeChannelsAreEvicted() throws Exception {
        try (BusServer redis = BusServer.start(BusServer.Kind.REDIS);
                TackFixture tack = node(redis, HistorySettings.on("*").withLimits(100, 300, 2048, 4096, 100))) {
            ChannelStreams streams = tack.server().engine().streams();
            await().until(() -> tack.server().engine().up());
            for (int c = 0; c < 40; c++) {
                publish(tack, "ch" + c, "1");
            }
            // each entry counts its payload and 64 bytes: about 200 bytes, so about 20 channels fit in 4096
            assertEquals(StreamRead.Result.EPOCH_CHANGED, read(streams, "ch0", new StreamQuery.After(
                    new StreamPosition("gone", 1), null), 300).result());
            assertEquals(0, read(streams, "ch0", new StreamQuery.Top(), 300).top().offset(), "ch0 was evicted");
            assertEquals(List.of(), ids(read(streams, "ch39", new StreamQuery.After(null, "1"), 300)));
        }
    }
}
