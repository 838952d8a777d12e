package dev.tack.proxy.origin;

import dev.tack.proxy.route.Route;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A client's WebSocket handshake as an origin link needs it, whichever way the link reaches the origin.
 *
 * @param client the client's connection (its event loop is the link's)
 * @param handshake the client's upgrade request; its headers go to the origin on every request
 * @param tls whether the client's connection counts as TLS
 * @param peerAddress the client's address for {@code X-Forwarded-For}, or null
 */
public record WsClientRequest(ProxyEnvironment env, Channel client, Route route, HttpRequest handshake, boolean tls,
        String peerAddress) {

    /**
     * The request to send the origin, built afresh each time so that every request carries a new {@code
     * Grip-Sig} (pushpin-spec §1.16): the handshake's headers after {@link OriginRequests}' rules.
     */
    HttpRequest originRequest() {
        return OriginRequests.build(handshake, route, env.signers().sign(route), false, tls, peerAddress,
                env.forwarding());
    }
}
