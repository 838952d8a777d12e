package dev.tack.api.publish;

/**
 * One rendering of a published item for one kind of subscriber: response holds get {@link HttpResponseFormat},
 * stream holds {@link HttpStreamFormat}, WebSockets {@link WsMessageFormat}. Fields other than the action
 * only mean something for {@link Action#SEND} (and the close code and reason for a WebSocket {@code CLOSE}).
 */
public sealed interface Format permits HttpResponseFormat, HttpStreamFormat, WsMessageFormat {

    /** Returns what the format asks of its subscribers. */
    Action action();
}
