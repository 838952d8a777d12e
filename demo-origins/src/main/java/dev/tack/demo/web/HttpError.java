package dev.tack.demo.web;

/**
 * An expected failure a handler answers with a status and a plain-text message instead of going on, e.g.
 * {@code 400 "roomId: \"X\" (expected: 3-16 characters ...)"}; the router turns it into that response.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The status to answer. */
    public int status() {
        return status;
    }

    /** The response: the message and a newline, as text. */
    public Response toResponse() {
        return Response.text(status, getMessage() + "\n");
    }
}
