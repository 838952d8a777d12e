package dev.tack.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.history.HistorySettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code history_*} keys of {@code [tack]} (docs/history.md): off unless channels are named. */
class HistoryConfigTest {
    @TempDir
    Path dir;

    private HistorySettings history(String tack) throws ConfigException {
        return ConfigFiles.load(dir, "[tack]\n" + tack).tack().history();
    }

    private String refused(String tack) {
        return assertThrows(ConfigException.class, () -> history(tack)).getMessage();
    }

    @Test
    void historyIsOffWithoutChannels() throws ConfigException {
        assertEquals(HistorySettings.off(), history(""));
        assertFalse(history("history_max_items=5\n").enabled());
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        HistorySettings h = history("history_channels = news, room-*\nhistory_max_items=50\nhistory_max_age=60\n"
                + "history_max_bytes=2048\nhistory_total_bytes=4096\nhistory_max_channels=7\nhistory_replay_max=20\n"
                + "history_sse_ids=true\nhistory_reset_event=stream-reset\nhistory_long_poll=yes\n");
        assertEquals(new HistorySettings(List.of("news", "room-*"), 50, 60, 2048, 4096, 7, 20, true, "stream-reset",
                true), h);
        assertTrue(h.enabled());
        assertTrue(h.streams(false).keeps("room-42"));
        assertFalse(h.streams(false).keeps("rooms"));
    }

    @Test
    void aStarAnywhereButTheEndIsRefused() {
        assertEquals("[tack] history_channels: news,*-room (expected: a comma list of channel names and prefixes "
                + "ending in *, e.g. news,room-*)", refused("history_channels=news,*-room\n"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "history_max_items, 0, an integer 1-1000000",
        "history_max_age, 0, an integer >= 1",
        "history_max_bytes, 10, an integer >= 1024",
        "history_total_bytes, lots, an integer >= 1024",
        "history_max_channels, 0, an integer >= 1",
        "history_replay_max, 0, an integer 1-100000",
        "history_sse_ids, sometimes, true or false",
        "history_long_poll, maybe, true or false"})
    void badValuesNameTheKey(String key, String value, String expected) {
        assertEquals("[tack] " + key + ": " + value + " (expected: " + expected + ")",
                refused("history_channels=news\n" + key + "=" + value + "\n"));
    }

    @Test
    void perChannelBytesMayNotExceedTheTotal() {
        assertEquals("[tack] history_max_bytes: 8192 (expected: at most history_total_bytes (4096))",
                refused("history_max_bytes=8192\nhistory_total_bytes=4096\n"));
    }

    @Test
    void resetEventIsOneWord() {
        assertEquals("[tack] history_reset_event: stream reset (expected: an event name of printable ASCII without "
                + "spaces, or empty for none)", refused("history_reset_event=stream reset\n"));
    }
}
