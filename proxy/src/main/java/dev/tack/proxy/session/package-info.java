/**
 * Held requests: once the origin's GRIP instruction is parsed, a session owns the client connection.
 * {@link dev.tack.proxy.session.ResponseHold} (long-poll) and {@link dev.tack.proxy.session.StreamHold}
 * (HTTP streaming, SSE) subscribe through the registry ({@code subscription}), receive published items as
 * {@link dev.tack.proxy.subscription.Subscriber}s and write them through bounded outboxes ({@code
 * delivery}). The proxied exchange ({@code origin}) hands over through {@link
 * dev.tack.proxy.session.GripHandoff}.
 */
package dev.tack.proxy.session;
