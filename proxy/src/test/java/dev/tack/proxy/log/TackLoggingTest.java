package dev.tack.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TackLoggingTest {
    private final Logger app = Logger.getLogger("dev.tack.proxy.server");
    private final Logger netty = Logger.getLogger("io.netty.buffer.PooledByteBufAllocator");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({"0, SEVERE", "1, WARNING", "2, INFO", "3, FINE", "4, ALL", "9, ALL"})
    void pushpinLevelsMapOntoJavaLevels(int pushpin, String jul) {
        assertEquals(Level.parse(jul), TackLogging.julLevel(pushpin));
    }

    @Test
    void infoLinesGoToTheStreamInPushpinsFormat() {
        try (TackLogging logging = TackLogging.install(2, out)) {
            app.info("started");
        }
        assertTrue(written().matches("\\[INFO] \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[tack] started\n"),
                written());
    }

    @Test
    void levelHoldsBackLessImportantLines() {
        try (TackLogging logging = TackLogging.install(1, out)) {
            app.info("hidden");
            app.warning("shown");
        }
        assertFalse(written().contains("hidden"));
        assertTrue(written().contains("[WARN] "));
    }

    @Test
    void debugLevelShowsFineLinesButNotNettysChatter() {
        try (TackLogging logging = TackLogging.install(3, out)) {
            app.fine("ours");
            netty.fine("-Dio.netty.allocator.numHeapArenas: 4");
            netty.info("netty info");
        }
        assertTrue(written().contains("[DEBUG] "));
        assertTrue(written().contains("ours"));
        assertFalse(written().contains("numHeapArenas"));
        assertTrue(written().contains("netty info"));
    }

    @Test
    void traceLevelShowsNettysDebugLines() {
        try (TackLogging logging = TackLogging.install(4, out)) {
            netty.fine("-Dio.netty.allocator.numHeapArenas: 4");
            app.finest("deep");
        }
        assertTrue(written().contains("numHeapArenas"));
        assertTrue(written().contains("[TRACE] "));
    }

    @Test
    void closeRestoresTheHandlersAndLevel() {
        final Logger root = Logger.getLogger("");
        final List<?> before = List.of(root.getHandlers());
        final Level level = root.getLevel();
        TackLogging.install(3, out).close();
        assertEquals(before, List.of(root.getHandlers()));
        assertEquals(level, root.getLevel());
        app.info("after close");
        assertFalse(written().contains("after close"));
    }
}
