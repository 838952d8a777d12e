package dev.tack.proxy.history;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.tack.api.Header;
import dev.tack.api.publish.Format;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.proxy.delivery.PreparedItem;
import dev.tack.proxy.engine.StreamRead;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/** What a resume writes of its own: the reset event or message, and long-poll responses with their position. */
final class OwnItems {

    private OwnItems() {
    }

    /**
     * The {@code history_reset_event} a client gets for a channel it cannot be resumed on, or null for a transport
     * that has none. SSE: {@code event: stream-reset} with {@code data: {"channel":"news","reason":"evicted"}};
     * WebSocket: the text message {@code {"type":"stream-reset","channel":"news","reason":"evicted"}}.
     */
    static Format reset(Resume.Transport transport, String name, String channel, StreamRead.Result result) {
        String json = "{\"channel\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(channel))
                + "\",\"reason\":\"" + result.label().replace('_', '-') + "\"}";
        return switch (transport) {
            case SSE -> HttpStreamFormat.of("event: " + name + "\ndata: " + json + "\n\n");
            case WEBSOCKET -> WsMessageFormat.text("{\"type\":\"" + name + "\"," + json.substring(1));
            default -> null;
        };
    }

    /**
     * A long-poll response of {@code item} that also tells the client where it is now ({@code Tack-Position}).
     *
     * @return a new prepared item the caller owns
     */
    static PreparedItem withPosition(PreparedItem item, String position, ByteBufAllocator alloc) {
        PublishItem original = item.item();
        HttpResponseFormat response = original.httpResponse();
        List<Header> headers = new ArrayList<>(response.headers());
        headers.add(new Header(ResumeHeaders.POSITION, position));
        HttpResponseFormat positioned = new HttpResponseFormat(response.action(), response.code(), response.reason(),
                headers, response.body(), response.bodyPatch(), response.contentFilters());
        return PreparedItem.prepare(new PublishItem(original.channel(), original.id(), original.prevId(),
                original.meta(), original.noSeq(), positioned, null, null), alloc, item.position());
    }
}
