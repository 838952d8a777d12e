package dev.tack.api.publish;

import java.util.List;

/**
 * One rendering of a published item for one kind of subscriber: response holds get {@link HttpResponseFormat},
 * stream holds {@link HttpStreamFormat}, WebSockets {@link WsMessageFormat}. Fields other than the action
 * only mean something for {@link Action#SEND} (and the close code and reason for a WebSocket {@code CLOSE}).
 */
public sealed interface Format permits HttpResponseFormat, HttpStreamFormat, WsMessageFormat {

    /** Returns what the format asks of its subscribers. */
    Action action();

    /**
     * Returns the publisher's {@code content-filters}: the content-changing filters (such as {@code build-id})
     * the content was written for, in order, or null when the publisher named none. A subscription whose own
     * content-changing filters differ does not get this item (docs/compatibility.md, "Reliable GRIP").
     */
    List<String> contentFilters();
}
