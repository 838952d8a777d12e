package dev.tack.proxy.route;

/**
 * A routes line Tack cannot start with. The message names where the line came from, its number, the value and
 * what was expected, e.g. {@code routes:3: proto=tcp (expected: http or ws)}; {@code config} passes it on as a
 * configuration error.
 */
public final class RoutesException extends Exception {
    private static final long serialVersionUID = 1L;

    public RoutesException(String message) {
        super(message);
    }

    public RoutesException(String message, Throwable cause) {
        super(message, cause);
    }
}
