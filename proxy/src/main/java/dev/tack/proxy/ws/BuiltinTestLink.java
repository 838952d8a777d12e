package dev.tack.proxy.ws;

import dev.tack.api.ws.WsControlCodec;
import dev.tack.api.ws.WsControlMessage;
import dev.tack.api.ws.WsEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * The built-in {@code test} route target's WebSocket (docs/compatibility.md "Routes"): accepts with GRIP on,
 * subscribes to {@code ?channel=} (default {@code test}) and echoes text messages, so publishes can be tried
 * without an origin.
 */
final class BuiltinTestLink implements OriginLink {

    private final Listener listener;
    private final String channel;

    BuiltinTestLink(Listener listener, HttpRequest handshake) {
        this.listener = listener;
        var parameters = new QueryStringDecoder(handshake.uri()).parameters();
        this.channel = parameters.containsKey("channel") ? parameters.get("channel").get(0) : "test";
    }

    @Override
    public void open() {
        listener.accepted(List.of(), "m:");
        listener.originEvent(WsEvent.text("c:" + WsControlCodec.encode(new WsControlMessage.Subscribe(channel))));
    }

    @Override
    public void send(WsEvent event) {
        switch (event.type()) {
            case TEXT -> listener.originEvent(WsEvent.text("m:" + event.text()));
            case PING -> listener.originEvent(WsEvent.pong(event.content()));
            case CLOSE -> listener.originEvent(event);
            default -> {
            }
        }
    }

    @Override
    public boolean refresh() {
        return false;
    }

    @Override
    public void detach() {
    }

    @Override
    public void clientGone() {
    }

    @Override
    public void clientBusy(boolean busy) {
    }
}
