package dev.tack.proxy.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code history_channels}: exact channel names ({@code news}) and prefixes written with a trailing {@code *}
 * ({@code room-*} matches {@code room-42}; a lone {@code *} matches every channel). An exact name is one hash
 * lookup; prefixes are tried in turn, and lists are short.
 */
final class ChannelPatterns {

    private final Set<String> exact = new HashSet<>();
    private final List<String> prefixes = new ArrayList<>();

    ChannelPatterns(List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern.endsWith("*")) {
                prefixes.add(pattern.substring(0, pattern.length() - 1));
            } else {
                exact.add(pattern);
            }
        }
    }

    /** Refuses a pattern with a {@code *} anywhere but at its end. */
    static void check(String pattern) {
        int star = pattern.indexOf('*');
        if (pattern.isEmpty() || (star >= 0 && star != pattern.length() - 1)) {
            throw new IllegalArgumentException("history_channels: " + pattern
                    + " (expected: a channel name, or a prefix ending in *)");
        }
    }

    boolean matches(String channel) {
        if (exact.contains(channel)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (channel.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
