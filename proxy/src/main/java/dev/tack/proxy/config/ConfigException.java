package dev.tack.proxy.config;

/**
 * A configuration or command-line value Tack cannot start with. The message names where the value came
 * from, the value, and what was expected, for example
 * {@code [handler] push_in_http_port: 70000 (expected: 0-65535)} or
 * {@code routes:3: proto=tcp (expected: http or ws)}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Builds the message for a bad value of {@code [section] key}. */
    static ConfigException badValue(String section, String key, String value, String expected) {
        return new ConfigException("[" + section + "] " + key + ": " + shown(value) + " (expected: " + expected + ")");
    }

    /** Shows an empty value as {@code (empty)} so that the message still reads. */
    static String shown(String value) {
        return value.isEmpty() ? "(empty)" : value;
    }
}
