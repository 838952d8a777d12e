/**
 * WebSockets, start to end: {@link dev.tack.proxy.ws.WsHandshake} answers a client's upgrade once the origin
 * accepts (Netty's handshaker, {@code permessage-deflate} with a bounded inflater), {@link
 * dev.tack.proxy.ws.WsFrameHandler} turns frame errors into close codes, {@link dev.tack.proxy.ws.WsSession} holds
 * the connection (GRIP prefixes, control messages, publishes, the close handshake), and an origin link carries the
 * conversation to the origin: WebSocket-over-HTTP requests ({@link dev.tack.proxy.ws.WsOverHttpLink}), a WebSocket
 * of its own ({@link dev.tack.proxy.ws.WsPassthroughLink}) or the built-in test target. Frames and
 * WebSocket-over-HTTP events convert in one place, {@link dev.tack.proxy.ws.WsFrames}. Every origin request goes
 * through {@code origin}'s one call; subscriptions and hold context come from {@code session} and {@code
 * subscription}.
 */
package dev.tack.proxy.ws;
