package dev.tack.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Logging as the tack command sets it up: Pushpin's lines or JSON, Pushpin's levels, JUL and Netty bridged. */
class TackLoggingTest {
    private final Logger app = LoggerFactory.getLogger("dev.tack.proxy.server.TackServer");
    private final Logger netty = LoggerFactory.getLogger("io.netty.buffer.PooledByteBufAllocator");
    private final java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.tack.proxy.origin.ProxyExchange");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The lines written so far (other threads of the test JVM may log too; tests look for their own lines). */
    private List<String> lines() {
        return Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({"0, ERROR", "1, WARN", "2, INFO", "3, DEBUG", "4, TRACE", "9, TRACE"})
    void pushpinLevelsMapOntoSlf4jLevels(int pushpin, String level) {
        assertEquals(Level.valueOf(level), TackLogging.level(pushpin));
    }

    @Test
    void startedLineKeepsPushpinsFormat() {
        try (TackLogging logging = TackLogging.install(2, LogFormat.PUSHPIN, out)) {
            app.info("tack dev started");
        }
        assertTrue(lines().stream().anyMatch(l -> l.matches(
                "\\[INFO] \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[tack] tack dev started")), written());
    }

    @Test
    void levelHoldsBackLessImportantLines() {
        try (TackLogging logging = TackLogging.install(1, LogFormat.PUSHPIN, out)) {
            app.info("hidden");
            app.warn("shown");
            app.error("failed");
        }
        assertFalse(written().contains("hidden"));
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("[WARN] ") && l.endsWith(" [tack] shown")), written());
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("[ERR] ") && l.endsWith(" [tack] failed")), written());
    }

    @Test
    void debugLevelShowsTacksDebugLinesButNotTheLibrariesChatter() {
        java.util.logging.Logger jdk = java.util.logging.Logger.getLogger("jdk.event.security");
        try (TackLogging logging = TackLogging.install(3, LogFormat.PUSHPIN, out)) {
            app.debug("ours");
            netty.debug("-Dio.netty.allocator.numHeapArenas: 4");
            netty.info("netty info");
            jdk.fine("X509Certificate: Alg:SHA256withRSA");
        }
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("[DEBUG] ") && l.endsWith(" ours")), written());
        assertFalse(written().contains("numHeapArenas"));
        assertFalse(written().contains("X509Certificate"));
        assertTrue(written().contains("netty info"));
    }

    @Test
    void traceLevelShowsNettysDebugLines() {
        try (TackLogging logging = TackLogging.install(4, LogFormat.PUSHPIN, out)) {
            netty.debug("-Dio.netty.allocator.numHeapArenas: 4");
            app.trace("deep");
        }
        assertTrue(written().contains("numHeapArenas"));
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("[TRACE] ") && l.endsWith(" deep")), written());
    }

    @Test
    void javaUtilLoggingRecordsArriveAndDisabledOnesCostALevelCheck() {
        try (TackLogging logging = TackLogging.install(2, LogFormat.PUSHPIN, out)) {
            jul.info("from java.util.logging");
            jul.warning("a warning");
            // Logback's level reached the JUL logger, so a fine record is refused before it is built.
            assertFalse(jul.isLoggable(java.util.logging.Level.FINE));
            jul.fine("not shown");
        }
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("[INFO] ") && l.endsWith("[tack] from java.util.logging")),
                written());
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("[WARN] ") && l.endsWith("[tack] a warning")), written());
        assertFalse(written().contains("not shown"));
    }

    @Test
    void connectionLinesCarryTheConnectionIdAndRoute() {
        EmbeddedChannel channel = new EmbeddedChannel();
        try (TackLogging logging = TackLogging.install(3, LogFormat.PUSHPIN, out)) {
            ConnectionLog.debug(app, channel, "chat").log("client failed: {}", "Connection reset");
        }
        String id = channel.id().asShortText();
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("[DEBUG] ")
                && l.endsWith("[tack] client failed: Connection reset conn=" + id + " route=chat")), written());
        channel.finishAndReleaseAll();
    }

    @Test
    void jsonFormatWritesOneObjectPerLineWithLevelTimeMessageAndConnection() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        try (TackLogging logging = TackLogging.install(2, LogFormat.JSON, out)) {
            app.info("tack dev started");
            ConnectionLog.at(app, Level.WARN, channel, "chat").log("client sent {} bytes too many", 12);
            jul.info("bridged");
        }
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines()) {
            objects.add(mapper.readTree(line)); // every line is one whole JSON object
        }
        JsonNode started = objects.stream().filter(o -> o.path("message").asText().equals("tack dev started"))
                .findFirst().orElseThrow(() -> new AssertionError(written()));
        assertEquals("INFO", started.get("level").asText());
        assertTrue(started.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.*"), started.toString());
        assertEquals("dev.tack.proxy.server.TackServer", started.get("logger").asText());
        JsonNode failure = objects.stream().filter(o -> o.path("message").asText().startsWith("client sent"))
                .findFirst().orElseThrow(() -> new AssertionError(written()));
        assertEquals("WARN", failure.get("level").asText());
        assertEquals("client sent 12 bytes too many", failure.get("message").asText());
        assertEquals(channel.id().asShortText(), failure.get(ConnectionLog.CONNECTION).asText());
        assertEquals("chat", failure.get(ConnectionLog.ROUTE).asText());
        assertTrue(objects.stream().anyMatch(o -> o.path("message").asText().equals("bridged")), written());
        channel.finishAndReleaseAll();
    }

    @Test
    void reconfigureSwitchesFormatAndLevel() {
        try (TackLogging logging = TackLogging.install(2, LogFormat.PUSHPIN, out)) {
            app.debug("hidden at info");
            logging.reconfigure(3, LogFormat.JSON, out);
            app.debug("shown at debug");
        }
        assertFalse(written().contains("hidden at info"));
        assertTrue(lines().stream().anyMatch(l -> l.startsWith("{") && l.contains("\"message\":\"shown at debug\"")),
                written());
    }

    @Test
    void theStreamStaysOpenThroughReconfigureAndClose() {
        AtomicBoolean closed = new AtomicBoolean();
        OutputStream stdout = new FilterOutputStream(out) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        try (TackLogging logging = TackLogging.install(2, LogFormat.PUSHPIN, stdout)) {
            logging.reconfigure(2, LogFormat.JSON, stdout);
            app.info("still written");
        }
        assertFalse(closed.get());
        assertTrue(written().contains("still written"));
    }

    @Test
    void closeRestoresTheAppendersAndLevels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> before = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(before::add);
        ch.qos.logback.classic.Level level = root.getLevel();
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        List<?> julHandlers = List.of(julRoot.getHandlers());
        TackLogging.install(3, LogFormat.PUSHPIN, out).close();
        List<Appender<ILoggingEvent>> after = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(after::add);
        assertEquals(before, after);
        assertEquals(level, root.getLevel());
        assertEquals(julHandlers, List.of(julRoot.getHandlers()));
        app.info("after close");
        assertFalse(written().contains("after close"));
    }
}
