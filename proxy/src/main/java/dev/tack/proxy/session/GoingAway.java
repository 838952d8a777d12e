package dev.tack.proxy.session;

/**
 * The user events a graceful drain fires down client connections' pipelines (docs/reliability.md "Graceful drain").
 * {@link #IDLE_ONLY} goes to every connection at once: an idle keep-alive connection closes, nothing else happens.
 * {@link #NOW} comes to each remaining connection at its own moment within the drain window, and the connection ends
 * the way a client can take without losing anything: a WebSocket is closed with 1001 Going Away, a stream ends with
 * its terminating chunk, a long-poll is answered as its timeout would answer it, a request in progress finishes and
 * then the connection closes.
 */
public enum GoingAway {
    /** Close if idle (no request in progress, nothing held); otherwise carry on. */
    IDLE_ONLY,
    /** End cleanly now. */
    NOW
}
