package dev.tack.api.publish;

/** A JSON Patch could not be applied: a bad operation, a missing location, or a failed {@code test}. */
public final class JsonPatchException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonPatchException(String message) {
        super(message, null, false, false);
    }
}
