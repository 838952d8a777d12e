package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.engine.EngineSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine keys of {@code [tack]}: every bad value stops start-up with a message naming the key. */
class EngineConfigTest {
    @TempDir
    Path dir;

    private EngineSettings engine(String tack) throws ConfigException {
        return ConfigFiles.load(dir, "[tack]\n" + tack).tack().engine();
    }

    private String refused(String tack) {
        return assertThrows(ConfigException.class, () -> engine(tack)).getMessage();
    }

    @Test
    void anUnknownEngineSchemeNamesTheKey() {
        assertEquals("[tack] engine: kafka://127.0.0.1:9092 (unknown engine scheme in kafka://127.0.0.1:9092; "
                + "expected: " + EngineSettings.EXPECTED_ENGINE + ")", refused("engine = kafka://127.0.0.1:9092\n"));
    }

    @Test
    void badEngineValuesNameTheKey() {
        assertTrue(refused("engine = redis://a:1, nats://b:2\n").startsWith(
                "[tack] engine: redis://a:1, nats://b:2 (one engine kind at a time: redis and nats;"));
        assertTrue(refused("engine = redis\n").startsWith("[tack] engine: redis (unknown engine scheme in redis;"));
        assertTrue(refused("engine = redis:///x\n").startsWith("[tack] engine: redis:///x (no host in redis:///x;"));
        assertTrue(refused("engine_down_policy = maybe\n").startsWith("[tack] engine_down_policy: maybe (unknown"));
        assertTrue(refused("node_name = two words\n").startsWith("[tack] node_name: two words ("));
        assertTrue(refused("engine_prefix = a..b\n").startsWith("[tack] engine_prefix: a..b ("));
        assertTrue(refused("engine_redis_sharded = sometimes\n").startsWith("[tack] engine_redis_sharded: sometimes"));
    }

    @Test
    void aListOfRedisServersIsOneShardEach() throws ConfigException {
        EngineSettings engine = engine("engine = redis://10.0.0.5:6379, rediss://:secret@10.0.0.6:6380\n"
                + "node_name = box1\nengine_down_policy = local\nengine_prefix = app.tack\nengine_redis_sharded = true\n");
        assertEquals(EngineSettings.Kind.REDIS, engine.kind());
        assertEquals(List.of(URI.create("redis://10.0.0.5:6379"), URI.create("rediss://:secret@10.0.0.6:6380")),
                engine.urls());
        assertEquals("redis://10.0.0.5:6379,rediss://***@10.0.0.6:6380", engine.describeUrls());
        assertEquals("box1", engine.nodeName());
        assertEquals(EngineSettings.DownPolicy.LOCAL, engine.downPolicy());
        assertEquals("app.tack", engine.prefix());
        assertTrue(engine.redisSharded());
    }

    @Test
    void natsTakesItsClusterAndTheLingerComesFromTheHandlerSection() throws ConfigException {
        EngineSettings engine = ConfigFiles.load(dir, "[handler]\nsubscription_linger = 5\n"
                + "[tack]\nengine = nats://10.0.0.5:4222,tls://10.0.0.6:4222\n").tack().engine();
        assertEquals(EngineSettings.Kind.NATS, engine.kind());
        assertEquals(2, engine.urls().size());
        assertEquals(5000, engine.lingerMillis());
    }
}
