package dev.tack.proxy.log;

import java.util.Locale;

/**
 * How log lines look: Pushpin's {@code [LEVEL] time [tack] message} lines (the default; tools that run Pushpin
 * read them), or one JSON object per line for log collectors. Chosen with {@code [tack] log_format} or
 * {@code --log-format}.
 */
public enum LogFormat {
    /** {@code [INFO] 2024-02-05 17:25:00.874 [tack] message key=value}. */
    PUSHPIN,
    /** {@code {"time":"2024-02-05T17:25:00.874+01:00","level":"INFO","message":"...","conn":"...",...}}. */
    JSON;

    /**
     * Reads {@code pushpin} or {@code json} (any case).
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static LogFormat parse(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "pushpin":
                return PUSHPIN;
            case "json":
                return JSON;
            default:
                throw new IllegalArgumentException(text + " (expected: pushpin or json)");
        }
    }

    /** The name used in the config and on the command line. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
