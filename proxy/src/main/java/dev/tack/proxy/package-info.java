/**
 * Tack, a Fastly-Fanout-compatible realtime proxy. {@link dev.tack.proxy.TackMain} is the entry point; a request
 * travels through the packages {@code server} (listeners, routing), {@code origin} (the origin request),
 * {@code session} (held connections), {@code subscription} (who listens where), {@code publish} (the publish API)
 * and {@code delivery} (what goes on the wire), configured by {@code config} and {@code route}.
 */
package dev.tack.proxy;
