/**
 * The demo origins through Tack, end to end on loopback: the SSE counter with a third-party SSE client, the
 * Q&amp;A board with {@code java.net.http.WebSocket} clients, and the Q&amp;A board in two headless Chromium
 * sessions (skipped when Chromium is not installed). {@link dev.tack.proxy.demo.DemoStack} starts Tack and the
 * demo server in-process, routed to each other the way {@code ./run} does it.
 */
package dev.tack.proxy.demo;
