package dev.tack.proxy.config;

import dev.tack.proxy.log.LogFormat;
import java.util.Objects;

/**
 * How Tack is run and watched, from {@code [tack]} and the command line.
 *
 * @param logFormat        {@code --log-format}, else {@code log_format} ({@code pushpin}): Pushpin's log lines or
 *                         one JSON object per line
 * @param adminBearerToken {@code admin_bearer_token}: when set, the metrics port (metrics, status page data)
 *                         answers only requests that carry it as {@code Authorization: Bearer} or
 *                         {@code ?access_token=}; empty = open (the port is on loopback by default)
 */
public record OperationsSettings(LogFormat logFormat, String adminBearerToken) {
    public OperationsSettings {
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(adminBearerToken, "adminBearerToken");
    }

    @Override
    public String toString() {
        return "OperationsSettings[logFormat=" + logFormat + ", adminBearerToken="
                + (adminBearerToken.isEmpty() ? "" : "(set)") + "]";
    }
}
