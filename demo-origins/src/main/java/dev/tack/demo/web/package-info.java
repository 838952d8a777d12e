/**
 * The small HTTP layer every demo origin stands on: the JDK's built-in HTTP server, a router matching
 * {@code GET /api/room/{roomId}} style templates, immutable {@link dev.tack.demo.web.Request} and
 * {@link dev.tack.demo.web.Response} records, static files from the jar, and the Grip-Sig gate
 * ({@link dev.tack.demo.web.GripGuard}) in front of the routes that only make sense through a GRIP proxy.
 * The demos ({@code dev.tack.demo.qa}, {@code counter}, {@code examples}) add routes; {@code dev.tack.demo}
 * wires them to one listener.
 */
package dev.tack.demo.web;
