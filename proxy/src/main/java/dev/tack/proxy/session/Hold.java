package dev.tack.proxy.session;

/** A held request as its connection sees it: started once, told when the client goes or drains. */
interface Hold {

    /** Subscribes and sends what goes out at once. */
    void start();

    /** The client connection closed: unsubscribe, stop timers, release buffers. */
    void clientClosed();

    /** The client's socket became writable again (or stopped being so). */
    void writabilityChanged();

    /**
     * Tack is shutting down ({@link GoingAway}): end the response now, as the hold's own end would end it, so the
     * client sees a complete response and asks again elsewhere.
     */
    void goingAway();
}
