package dev.tack.proxy.config;

/**
 * The client-facing limits from {@code [runner]} (in Pushpin these were passed to its connection manager).
 *
 * @param clientBufferSize  {@code client_buffer_size} (8192): the whole request head must fit in this many bytes
 * @param clientMaxconn     {@code client_maxconn} (50000): client connections held at once
 * @param allowCompression  {@code allow_compression} (false): permessage-deflate for client WebSockets
 */
public record RunnerSettings(int clientBufferSize, int clientMaxconn, boolean allowCompression) {
}
