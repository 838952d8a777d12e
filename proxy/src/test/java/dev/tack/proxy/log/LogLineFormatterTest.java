package dev.tack.proxy.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLineFormatterTest {
    private final LogLineFormatter formatter = new LogLineFormatter(ZoneOffset.UTC);

    private static LogRecord record(Level level, String message) {
        final LogRecord r = new LogRecord(level, message);
        r.setInstant(Instant.parse("2024-02-05T17:25:00.874Z"));
        return r;
    }

    @Test
    void lineHasPushpinsShape() {
        assertEquals("[INFO] 2024-02-05 17:25:00.874 [tack] control: POST /publish/ code=200 10 items=1\n",
                formatter.format(record(Level.INFO, "control: POST /publish/ code=200 10 items=1")));
    }

    @Test
    void timeIsInTheGivenZone() {
        assertTrue(new LogLineFormatter(ZoneOffset.ofHours(1)).format(record(Level.INFO, "m"))
                .startsWith("[INFO] 2024-02-05 18:25:00.874 "));
    }

    @ParameterizedTest
    @CsvSource({"SEVERE, ERR", "WARNING, WARN", "INFO, INFO", "CONFIG, DEBUG", "FINE, DEBUG", "FINER, TRACE",
        "FINEST, TRACE"})
    void levelsUsePushpinsNames(String level, String name) {
        assertEquals(name, LogLineFormatter.levelName(Level.parse(level)));
    }

    @Test
    void parametersAreFilledIn() {
        final LogRecord r = record(Level.WARNING, "routes loaded with {0} entries");
        r.setParameters(new Object[] {3});
        assertEquals("[WARN] 2024-02-05 17:25:00.874 [tack] routes loaded with 3 entries\n", formatter.format(r));
    }

    @Test
    void exceptionAndItsCauseFollowTheLine() {
        final LogRecord r = record(Level.SEVERE, "bind failed");
        r.setThrown(new IllegalStateException("port in use", new IOException("EADDRINUSE")));
        final String[] lines = formatter.format(r).split("\n");
        assertEquals("[ERR] 2024-02-05 17:25:00.874 [tack] bind failed", lines[0]);
        assertEquals("java.lang.IllegalStateException: port in use", lines[1]);
        assertTrue(lines[2].startsWith("\tat dev.tack.proxy.log.LogLineFormatterTest."), lines[2]);
        assertTrue(Arrays.asList(lines).contains("Caused by: java.io.IOException: EADDRINUSE"));
    }
}
