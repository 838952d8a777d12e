/**
 * Delivery: what a publish turns into on the wire. {@link dev.tack.proxy.delivery.PreparedItem} encodes each
 * format once (HTTP chunk, WebSocket frame); {@link dev.tack.proxy.delivery.Outbox} bounds what one slow
 * connection may queue. The registry ({@code subscription}) decides who gets an item; sessions ({@code
 * session}) decide which of its formats they write.
 */
package dev.tack.proxy.delivery;
