package dev.tack.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.KeyValuePair;

class PushpinLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("dev.tack.proxy.server.ClientHttpHandler");
    private final PushpinLayout layout = new PushpinLayout(ZoneOffset.UTC);

    private LoggingEvent event(Level level, String message, Throwable thrown, Object... args) {
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, level, message, thrown, args);
        event.setInstant(Instant.parse("2024-02-05T17:25:00.874Z"));
        return event;
    }

    @Test
    void lineHasPushpinsShape() {
        assertEquals("[INFO] 2024-02-05 17:25:00.874 [tack] control: POST /publish/ code=200 10 items=1\n",
                layout.doLayout(event(Level.INFO, "control: POST /publish/ code=200 10 items=1", null)));
    }

    @Test
    void timeIsInTheGivenZone() {
        assertTrue(new PushpinLayout(ZoneOffset.ofHours(1)).doLayout(event(Level.INFO, "m", null))
                .startsWith("[INFO] 2024-02-05 18:25:00.874 "));
    }

    @ParameterizedTest
    @CsvSource({"ERROR, ERR", "WARN, WARN", "INFO, INFO", "DEBUG, DEBUG", "TRACE, TRACE"})
    void levelsUsePushpinsNames(String level, String name) {
        assertEquals(name, PushpinLayout.levelName(Level.toLevel(level)));
    }

    @Test
    void argumentsAreFilledIn() {
        assertEquals("[WARN] 2024-02-05 17:25:00.874 [tack] routes loaded with 3 entries\n",
                layout.doLayout(event(Level.WARN, "routes loaded with {} entries", null, 3)));
    }

    @Test
    void keyValuePairsFollowTheMessageQuotedWhenNeeded() {
        LoggingEvent event = event(Level.DEBUG, "client failed: Connection reset", null);
        event.addKeyValuePair(new KeyValuePair(ConnectionLog.CONNECTION, "5f1c2a0e"));
        event.addKeyValuePair(new KeyValuePair(ConnectionLog.ROUTE, "my route"));
        assertEquals("[DEBUG] 2024-02-05 17:25:00.874 [tack] client failed: Connection reset conn=5f1c2a0e "
                + "route=\"my route\"\n", layout.doLayout(event));
    }

    @Test
    void exceptionAndItsCauseFollowTheLine() {
        LoggingEvent event = event(Level.ERROR, "bind failed",
                new IllegalStateException("port in use", new IOException("EADDRINUSE")));
        String[] lines = layout.doLayout(event).split("\n");
        assertEquals("[ERR] 2024-02-05 17:25:00.874 [tack] bind failed", lines[0]);
        assertEquals("java.lang.IllegalStateException: port in use", lines[1]);
        assertTrue(lines[2].startsWith("\tat dev.tack.proxy.log.PushpinLayoutTest."), lines[2]);
        assertTrue(Arrays.asList(lines).contains("Caused by: java.io.IOException: EADDRINUSE"));
    }
}
