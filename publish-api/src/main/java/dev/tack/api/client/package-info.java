/**
 * What a GRIP origin needs to talk to Tack (or Pushpin, or Fastly Fanout) from Java: read a
 * WebSocket-over-HTTP request ({@link dev.tack.api.client.WsOverHttpRequest}), build its reply
 * ({@link dev.tack.api.client.WsOverHttpResponse}) and read a {@code GRIP_URL}
 * ({@link dev.tack.api.client.GripUrl}) for the publish address, its auth headers and the Grip-Sig verifier.
 * A connection's first exchange, proxy request then origin reply:
 * <pre>
 * POST /ws HTTP/1.1                              HTTP/1.1 200 OK
 * Connection-Id: 5c3b7f0e                        Content-Type: application/websocket-events
 * Content-Type: application/websocket-events     Sec-WebSocket-Extensions: grip
 *
 * OPEN\r\n                                       OPEN\r\n
 *                                                TEXT 29\r\n
 *                                                c:{"type":"subscribe","channel":"room-x"}\r\n
 * </pre>
 * The demo origins and the integration tests use this package; it builds on {@code dev.tack.api.ws} for the
 * wire format and {@code dev.tack.api.sig} for tokens, and does no I/O itself.
 */
package dev.tack.api.client;
