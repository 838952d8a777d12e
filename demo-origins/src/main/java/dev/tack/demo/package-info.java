/**
 * The demo origins as one process: {@link dev.tack.demo.DemoOriginsMain} reads the flags
 * ({@link dev.tack.demo.DemoConfig}) and {@link dev.tack.demo.DemoServer} serves every demo on one port behind
 * Tack: the Q&amp;A board ({@code dev.tack.demo.qa}, page {@code /}), the SSE counter
 * ({@code dev.tack.demo.counter}, page {@code /counter.html}) and the GRIP library examples
 * ({@code dev.tack.demo.examples}, page {@code /examples.html}), on the HTTP layer in {@code dev.tack.demo.web}.
 * Integration tests start the same server in-process.
 */
package dev.tack.demo;
