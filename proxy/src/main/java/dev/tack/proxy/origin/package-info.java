/**
 * The one origin call. {@link dev.tack.proxy.origin.Origin} is built once and shared by every event loop; a
 * caller describes what to send as an {@link dev.tack.proxy.origin.OriginRequest} and gets an {@link
 * dev.tack.proxy.origin.OriginResponse} (or an {@link dev.tack.proxy.origin.OriginFailure}) on its own loop.
 * {@link dev.tack.proxy.origin.OriginCall} does the work once for everyone: a connection pool per loop and target,
 * failover across a route's targets, retries with backoff, stale pooled connections, head and body timers,
 * interim {@code 1xx} answers, body limits and {@code Grip-Sig}. Callers: {@code session} (proxied requests and,
 * later, held sessions' own requests) and {@code ws} (WebSocket-over-HTTP and passthrough links). This package
 * uses only {@code route} (targets and rewriting), {@code metrics} and {@code time}.
 */
package dev.tack.proxy.origin;
