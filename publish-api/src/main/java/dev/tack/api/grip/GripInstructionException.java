package dev.tack.api.grip;

/**
 * The origin's GRIP instructions are malformed. The message is Pushpin's text, e.g.
 * {@code Grip-Hold must be set to either 'response' or 'stream'}; the client gets
 * {@code 502 Error while proxying to origin.} (docs/compatibility.md "Errors clients see") and the message goes to the
 * log. Some of Pushpin's errors have an empty message; so do these.
 */
public final class GripInstructionException extends Exception {
    private static final long serialVersionUID = 1L;

    public GripInstructionException(String message) {
        super(message, null, false, false);
    }
}
