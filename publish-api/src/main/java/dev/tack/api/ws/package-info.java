/**
 * WebSocket-over-HTTP on the wire: the events a proxy and an origin exchange in
 * {@code application/websocket-events} bodies ({@link dev.tack.api.ws.WsEventCodec}) and the GRIP control messages
 * an origin sends as {@code c:<json>} text events ({@link dev.tack.api.ws.WsControlCodec}). A first reply that
 * accepts a connection and subscribes it looks like
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: application/websocket-events
 * Sec-WebSocket-Extensions: grip
 *
 * OPEN\r\n
 * TEXT 29\r\n
 * c:{"type":"subscribe","channel":"room-x"}\r\n
 * </pre>
 * The proxy's {@code ws} session stage decodes origin replies with this package; origins build them with
 * {@code dev.tack.api.client}. Plain values and codecs only, no I/O (docs/compatibility.md "WebSocket-over-HTTP",
 * "WebSocket control messages").
 */
package dev.tack.api.ws;
