package dev.tack.proxy.engine;

import dev.tack.api.publish.Action;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;

/**
 * Which part of a published item history keeps (docs/history.md "What is kept"): the formats that send something.
 * A {@code close}, {@code hint} or {@code refresh} was meant for the connections of its moment; replayed to a client
 * that comes back later it would end or re-sync a connection that never asked for it.
 */
public final class StreamItems {

    private StreamItems() {
    }

    /**
     * The item as history keeps it: {@code item} itself when every format sends, a copy with only the sending
     * formats when some do, or null when none does (nothing is kept and the item gets no position).
     */
    public static PublishItem storable(PublishItem item) {
        HttpResponseFormat response = sends(item.httpResponse()) ? item.httpResponse() : null;
        HttpStreamFormat stream = sends(item.httpStream()) ? item.httpStream() : null;
        WsMessageFormat ws = sends(item.wsMessage()) ? item.wsMessage() : null;
        if (response == null && stream == null && ws == null) {
            return null;
        }
        if (response == item.httpResponse() && stream == item.httpStream() && ws == item.wsMessage()) {
            return item;
        }
        return new PublishItem(item.channel(), item.id(), item.prevId(), item.meta(), item.noSeq(), response, stream,
                ws);
    }

    private static boolean sends(HttpResponseFormat format) {
        return format != null && format.action() == Action.SEND;
    }

    private static boolean sends(HttpStreamFormat format) {
        return format != null && format.action() == Action.SEND;
    }

    private static boolean sends(WsMessageFormat format) {
        return format != null && format.action() == Action.SEND;
    }
}
