package dev.tack.api.publish;

/**
 * A publish body or item that does not meet Pushpin's schema. {@link #getMessage()} is the exact body of
 * Pushpin's {@code 400 Bad Request} without the trailing newline, e.g.
 * {@code Invalid format: publish item object does not contain 'channel'}; an unknown {@code action} gives
 * {@code Invalid format: } with nothing after it, as in Pushpin.
 */
public final class PublishFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public PublishFormatException(String message) {
        super(message, null, false, false);
    }
}
