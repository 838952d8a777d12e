package dev.tack.proxy.ws;

import dev.tack.proxy.route.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;

/** Takes over a connection whose request asks for a WebSocket upgrade (RFC 6455 §4.2.1); {@link WsHandshake} is Tack's. */
public interface WebSocketUpgrader {

    static boolean isUpgrade(HttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /**
     * Answers the handshake (or rejects it) and replaces the HTTP handlers of {@code ctx}'s pipeline with the
     * WebSocket ones. Does not take ownership of {@code request}.
     */
    void upgrade(ChannelHandlerContext ctx, HttpRequest request, Route route, boolean tls);
}
