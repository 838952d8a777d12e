/**
 * A tiny GRIP origin, so a load test needs nothing but the proxy: {@code GET /sse/<channel>},
 * {@code /stream/<channel>} and {@code /poll/<channel>} answer with hold instructions, and
 * {@code POST /ws/<channel>} speaks WebSocket-over-HTTP, accepting each connection and subscribing it with a
 * {@code c:} control message. Runs alone ({@code bench origin}) or inside {@code bench load}. The proxy
 * must route to it with {@code over_http} (routes line {@code * 127.0.0.1:8090,over_http}).
 */
package dev.tack.bench.origin;
