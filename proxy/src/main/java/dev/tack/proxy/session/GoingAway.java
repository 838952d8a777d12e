package dev.tack.proxy.session;

/**
 * The user event a graceful drain fires down a client connection's pipeline when its turn to go comes
 * (docs/reliability.md "Graceful drain"): the connection ends the way a client can take without losing anything. A
 * WebSocket is closed with 1001 Going Away, a stream ends with its terminating chunk, a long-poll is answered as its
 * timeout would answer it, a request in progress finishes and then the connection closes, an idle keep-alive
 * connection closes at once.
 */
public final class GoingAway {

    /** The one event. */
    public static final GoingAway EVENT = new GoingAway();

    private GoingAway() {
    }

    @Override
    public String toString() {
        return "GoingAway";
    }
}
