/**
 * What publishers send: {@link dev.tack.api.publish.PublishItem}s with their three renderings ({@link
 * dev.tack.api.publish.HttpResponseFormat} for response holds, {@link dev.tack.api.publish.HttpStreamFormat} for
 * stream holds, {@link dev.tack.api.publish.WsMessageFormat} for WebSockets), and {@link
 * dev.tack.api.publish.PublishJson}, the JSON codec with Pushpin's validation and exact 400 texts, used by the
 * proxy's publish listener (HTTP and ZeroMQ) to read and by publisher clients to write. {@link
 * dev.tack.api.publish.JsonPatch} applies an {@code http-response} {@code body-patch}. It shares the JSON field
 * readers and the status-reason table of {@code dev.tack.api.grip}; nothing here touches Netty.
 */
package dev.tack.api.publish;
