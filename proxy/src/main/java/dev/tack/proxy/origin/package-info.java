/**
 * Talking to origins: {@link dev.tack.proxy.origin.ProxyExchange} sends one client request to its route's
 * origin through a pooled connection on the client's own event loop ({@link
 * dev.tack.proxy.origin.OriginClient}), adding {@code Grip-Sig} and the forwarding headers, and either relays
 * the response or hands a GRIP response to {@code session}. Routing decisions come from {@code route}.
 */
package dev.tack.proxy.origin;
