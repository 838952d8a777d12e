package dev.tack.proxy.ws;

import dev.tack.api.Header;
import dev.tack.api.ws.WsEvent;
import java.util.List;

/**
 * A WebSocket session's connection to its origin, whichever way it travels: WebSocket-over-HTTP requests
 * ({@link WsOverHttpLink}), a WebSocket of its own ({@link WsPassthroughLink}) or the built-in test target
 * ({@link BuiltinTestLink}). The session sees the same events either way. Every method is called on the client
 * connection's event loop.
 */
interface OriginLink {

    /** Asks the origin to accept the connection (WebSocket-over-HTTP: the {@code OPEN} request; passthrough: the handshake). */
    void open();

    /** Sends a client message, ping, pong or close to the origin, in order. */
    void send(WsEvent event);

    /**
     * Asks the origin for pending events without sending any (the {@code refresh} publish action and command).
     *
     * @return whether this link can (WebSocket-over-HTTP can; a WebSocket origin cannot)
     */
    boolean refresh();

    /** The id the origin knows this connection by (WebSocket-over-HTTP's {@code Connection-Id}), or null. */
    default String connectionId() {
        return null;
    }

    /** Closes the origin side and keeps the client ({@code c:detach}); later client messages are dropped. */
    void detach();

    /** The client connection is gone; tell the origin if it still expects more ({@code DISCONNECT}). */
    void clientGone();

    /**
     * The client reads slower than the origin sends ({@code true}): stop taking origin messages until it
     * catches up ({@code false}), so they wait at the origin instead of piling up here.
     */
    void clientBusy(boolean busy);

    /** What the origin side reports back to the session. */
    interface Listener {

        /**
         * The origin accepted: {@code headers} go into the client's {@code 101} response.
         *
         * @param gripPrefix the message prefix when the origin enabled the GRIP extension, else null
         */
        void accepted(List<Header> headers, String gripPrefix);

        /** The origin refused the connection: the client gets this HTTP response instead of {@code 101}. */
        void rejected(int status, String reason, List<Header> headers, byte[] body);

        /** An event from the origin: a message, ping, pong, close or disconnect. */
        void originEvent(WsEvent event);

        /** The origin side failed for good; {@code reason} names what happened, for the log. */
        void originFailed(String reason);

        /** The origin side cannot take more client messages now ({@code true}) or can again. */
        void originBusy(boolean busy);

        /**
         * The client kept sending although it was asked to wait, past what may wait for the origin: the
         * connection ends with a policy violation; {@code reason} says how much was waiting.
         */
        void clientOverflow(String reason);
    }
}
