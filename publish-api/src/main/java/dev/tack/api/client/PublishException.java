package dev.tack.api.client;

import java.io.IOException;
import java.net.URI;

/**
 * A publish that did not succeed: the proxy answered with a status outside 2xx ({@link #status()} and
 * {@link #body()} say what it answered, e.g. {@code 400} and {@code Invalid format: no formats specified\n}), or
 * no answer arrived at all ({@link #status()} is 0 and the cause is the transport error).
 */
public final class PublishException extends IOException {
    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final int status;
    private final String body;

    PublishException(URI uri, int status, String body) {
        super("publish to " + uri + " answered " + status + " (expected: 2xx): " + abbreviate(body));
        this.uri = uri;
        this.status = status;
        this.body = body;
    }

    PublishException(URI uri, String what, Throwable cause) {
        super("publish to " + uri + " " + what + ": " + cause, cause);
        this.uri = uri;
        this.status = 0;
        this.body = "";
    }

    /** Where the publish went. */
    public URI uri() {
        return uri;
    }

    /** The status the proxy answered, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The response body as text, or {@code ""} when no response arrived. */
    public String body() {
        return body;
    }

    private static String abbreviate(String body) {
        String s = body.strip();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
