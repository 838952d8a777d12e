package dev.tack.proxy.engine;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which channels an engine that can store items (Redis) keeps a stream for, and how much of it (docs/history.md):
 * the {@code [tack] history_*} keys as the engine needs them. Every bound is enforced when an item is stored.
 *
 * @param channels whether a channel keeps history
 * @param maxItems items kept per channel
 * @param maxAgeMillis how old an item may get before it is trimmed (and never replayed)
 * @param maxBytes stored bytes per channel
 * @param totalBytes stored bytes over every channel of one store (one Redis server)
 * @param maxChannels channels with history in one store; past it, the least recently published is evicted whole
 * @param dropRepeats whether an item whose id is still in its channel's history is not stored again ({@code
 *     id_cache_ttl} is on, so the nodes drop the repeat too)
 */
public record StreamSettings(Predicate<String> channels, int maxItems, long maxAgeMillis, long maxBytes,
        long totalBytes, int maxChannels, boolean dropRepeats) {

    private static final StreamSettings NONE = new StreamSettings(c -> false, 0, 0, 0, 0, 0, false);

    public StreamSettings {
        Objects.requireNonNull(channels, "channels");
    }

    /** No channel keeps history. */
    public static StreamSettings none() {
        return NONE;
    }

    /** Whether any channel may keep history. */
    public boolean enabled() {
        return this != NONE && maxItems > 0;
    }

    /** Whether {@code channel} keeps history. */
    public boolean keeps(String channel) {
        return enabled() && channels.test(channel);
    }
}
