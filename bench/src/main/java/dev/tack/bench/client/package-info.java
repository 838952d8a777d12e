/**
 * The subscriber swarm: many small client connections, each holding one subscription at the proxy over
 * WebSocket, SSE, a plain HTTP stream or long-polling. {@link dev.tack.bench.client.Swarm} opens them at a
 * set rate from several 127.0.0.x source addresses on one or two event loops; each connection is one
 * {@code Subscriber} handler with its own incremental parsers ({@link dev.tack.bench.http} for HTTP framing,
 * {@code SseParser}, {@code LineParser}, {@code WebSocketFrameParser}) that hands every payload to the
 * loop's {@link dev.tack.bench.stats.LoopStats}. A subscriber that reconnects (a long-poll re-poll on a
 * new connection, or a reconnect storm) carries its {@code SubscriberState} to the new handler. Driven by
 * {@code load}; the messages come from {@code publish} through the proxy.
 */
package dev.tack.bench.client;
