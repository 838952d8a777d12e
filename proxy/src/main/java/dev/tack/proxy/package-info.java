/**
 * Tack, a Fastly-Fanout-compatible realtime proxy. {@link dev.tack.proxy.TackMain} is the entry point; a request
 * travels through the packages {@code server} (listeners, routing), {@code session} (one HTTP request and its
 * hold) or {@code ws} (a WebSocket), both calling origins through {@code origin}; {@code subscription} knows who
 * listens where, {@code publish} takes publishes, {@code delivery} writes them; {@code config}, {@code route} and
 * {@code time} feed the rest. docs/architecture.md is the map.
 */
package dev.tack.proxy;
