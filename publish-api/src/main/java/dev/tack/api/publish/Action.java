package dev.tack.api.publish;

import java.util.Locale;

/**
 * What a published format asks of its subscribers (docs/compatibility.md "Publishing"): {@code SEND} delivers the
 * content (the default), {@code HINT} asks the hold to fetch fresh data from the origin, {@code CLOSE} ends a stream or
 * closes a WebSocket, {@code REFRESH} asks a WebSocket-over-HTTP session to call the origin again.
 */
public enum Action {
    SEND, HINT, CLOSE, REFRESH;

    /** Returns the JSON spelling: {@code send}, {@code hint}, {@code close}, {@code refresh}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
