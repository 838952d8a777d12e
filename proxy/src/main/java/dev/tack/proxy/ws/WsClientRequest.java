package dev.tack.proxy.ws;

import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.session.ProxyEnvironment;
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
record WsClientRequest(ProxyEnvironment env, Channel client, Route route, HttpRequest handshake, boolean tls,
        String peerAddress) {

    /**
     * The request to the origin that the handshake's headers make after the origin request rules; signed at every
     * attempt (docs/compatibility.md "Grip-Sig"). A WebSocket client is never trusted.
     */
    OriginRequest originRequest(OriginRequest.Policy policy) {
        return env.origin().requestFor(handshake, route, false, tls, peerAddress, policy);
    }
}
