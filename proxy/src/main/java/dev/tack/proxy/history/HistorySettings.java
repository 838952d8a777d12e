package dev.tack.proxy.history;

import dev.tack.proxy.engine.StreamSettings;
import java.util.List;
import java.util.Objects;

/**
 * Which channels keep a history for resuming clients, and how much of it ({@code [tack] history_*}, documented in
 * docs/history.md and config/tack.conf). Off by default: with no {@code history_channels}, Tack behaves exactly as
 * without this feature.
 *
 * @param channels {@code history_channels}: exact names or trailing-{@code *} prefixes, e.g. {@code news, room-*}
 * @param maxItems {@code history_max_items} (100): items kept per channel
 * @param maxAgeSeconds {@code history_max_age} (300): how long an item is kept
 * @param maxBytes {@code history_max_bytes} (1 MiB): bytes kept per channel
 * @param totalBytes {@code history_total_bytes} (64 MiB): bytes kept over every channel (per process; per Redis
 *     server with the Redis engine)
 * @param maxChannels {@code history_max_channels} (10,000): channels with history; the least recently published is
 *     evicted whole past it (or past {@code totalBytes})
 * @param replayMax {@code history_replay_max} (300): the most items one resume replays; a longer gap is not
 *     recoverable
 * @param sseIds {@code history_sse_ids} (false): SSE events without an {@code id:} line get one, Tack's position
 * @param resetEvent {@code history_reset_event} (empty): when set, an SSE client that cannot be resumed gets an
 *     event of this name, and a WebSocket client a message of this type
 * @param longPoll {@code history_long_poll} (false): a long-poll request with a position is answered at once from
 *     history when items follow it
 */
public record HistorySettings(List<String> channels, int maxItems, int maxAgeSeconds, long maxBytes, long totalBytes,
        int maxChannels, int replayMax, boolean sseIds, String resetEvent, boolean longPoll) {

    public static final int DEFAULT_MAX_ITEMS = 100;
    public static final int DEFAULT_MAX_AGE_SECONDS = 300;
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    public static final long DEFAULT_TOTAL_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_CHANNELS = 10_000;
    public static final int DEFAULT_REPLAY_MAX = 300;

    public HistorySettings {
        channels = List.copyOf(channels);
        Objects.requireNonNull(resetEvent, "resetEvent");
        for (String pattern : channels) {
            ChannelPatterns.check(pattern);
        }
        if (!resetEvent.isEmpty() && !resetEvent.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("history_reset_event: " + resetEvent
                    + " (expected: an event name of printable ASCII without spaces)");
        }
    }

    /** No history (the default). */
    public static HistorySettings off() {
        return new HistorySettings(List.of(), DEFAULT_MAX_ITEMS, DEFAULT_MAX_AGE_SECONDS, DEFAULT_MAX_BYTES,
                DEFAULT_TOTAL_BYTES, DEFAULT_MAX_CHANNELS, DEFAULT_REPLAY_MAX, false, "", false);
    }

    /** History for {@code patterns} with every other setting at its default, e.g. {@code on("counter-*")}. */
    public static HistorySettings on(String... patterns) {
        return off().withChannels(List.of(patterns));
    }

    public HistorySettings withChannels(List<String> value) {
        return new HistorySettings(value, maxItems, maxAgeSeconds, maxBytes, totalBytes, maxChannels, replayMax,
                sseIds, resetEvent, longPoll);
    }

    public HistorySettings withLimits(int items, int ageSeconds, long bytes, long total, int channelCount) {
        return new HistorySettings(channels, items, ageSeconds, bytes, total, channelCount, replayMax, sseIds,
                resetEvent, longPoll);
    }

    public HistorySettings withReplayMax(int value) {
        return new HistorySettings(channels, maxItems, maxAgeSeconds, maxBytes, totalBytes, maxChannels, value,
                sseIds, resetEvent, longPoll);
    }

    public HistorySettings withSseIds(boolean value) {
        return new HistorySettings(channels, maxItems, maxAgeSeconds, maxBytes, totalBytes, maxChannels, replayMax,
                value, resetEvent, longPoll);
    }

    public HistorySettings withResetEvent(String value) {
        return new HistorySettings(channels, maxItems, maxAgeSeconds, maxBytes, totalBytes, maxChannels, replayMax,
                sseIds, value, longPoll);
    }

    public HistorySettings withLongPoll(boolean value) {
        return new HistorySettings(channels, maxItems, maxAgeSeconds, maxBytes, totalBytes, maxChannels, replayMax,
                sseIds, resetEvent, value);
    }

    /** Whether any channel keeps history. */
    public boolean enabled() {
        return !channels.isEmpty();
    }

    /**
     * The same bounds for an engine that stores history itself (Redis).
     *
     * @param dropRepeats whether {@code id_cache_ttl} is on, so a repeated id is not stored again
     */
    public StreamSettings streams(boolean dropRepeats) {
        if (!enabled()) {
            return StreamSettings.none();
        }
        ChannelPatterns patterns = new ChannelPatterns(channels);
        return new StreamSettings(patterns::matches, maxItems, maxAgeSeconds * 1000L, maxBytes, totalBytes,
                maxChannels, dropRepeats);
    }
}
