/**
 * The small HTTP/1.1 client-side parsing the load tool needs, written to take input in arbitrary pieces:
 * {@link dev.tack.bench.http.ResponseHeadParser} reads a status line and headers,
 * {@link dev.tack.bench.http.BodyDecoder} splits the body by its framing (chunked, {@code Content-Length}, or
 * until close) into content slices without copying. The subscribers in {@code client} and the publisher in
 * {@code publish} both build on it; neither keeps more state per connection than these two objects.
 */
package dev.tack.bench.http;
