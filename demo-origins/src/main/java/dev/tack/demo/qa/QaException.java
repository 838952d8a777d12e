package dev.tack.demo.qa;

/**
 * A change the board refuses: bad input ({@code 400}), something that does not exist ({@code 404}) or exists
 * already ({@code 400 Already exists: ...}, as the original's persistence answers). The REST routes answer with
 * {@link #status()} and the message; the WebSocket sends the message back to the sender only.
 */
public final class QaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    private QaException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static QaException badRequest(String message) {
        return new QaException(400, message);
    }

    static QaException notFound(String what) {
        return new QaException(404, "Not Found: " + what);
    }

    static QaException alreadyExists(String what) {
        return new QaException(400, "Already exists: " + what);
    }

    /** The HTTP status for the REST API. */
    public int status() {
        return status;
    }
}
