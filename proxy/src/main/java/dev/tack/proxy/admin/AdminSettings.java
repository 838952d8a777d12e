package dev.tack.proxy.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the metrics port needs beyond the metrics themselves.
 *
 * @param bearerToken   {@code [tack] admin_bearer_token}: required on the metrics and status data when not empty
 * @param configSummary lines for the status page's configuration panel, in order (never a secret)
 * @param topChannels   how many of the busiest channels the status page lists
 */
public record AdminSettings(String bearerToken, Map<String, String> configSummary, int topChannels) {
    /** How many channels the status page lists unless told otherwise. */
    public static final int DEFAULT_TOP_CHANNELS = 20;

    public AdminSettings {
        Objects.requireNonNull(bearerToken, "bearerToken");
        configSummary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configSummary));
        if (topChannels < 1 || topChannels > 1000) {
            throw new IllegalArgumentException("topChannels: " + topChannels + " (expected: 1-1000)");
        }
    }

    /** No token, no summary lines, the default number of channels. */
    public static AdminSettings open() {
        return new AdminSettings("", Map.of(), DEFAULT_TOP_CHANNELS);
    }

    @Override
    public String toString() {
        return "AdminSettings[bearerToken=" + (bearerToken.isEmpty() ? "" : "(set)") + ", configSummary="
                + configSummary + ", topChannels=" + topChannels + "]";
    }
}
