package dev.tack.demo.examples;

import dev.tack.api.client.PublishException;
import dev.tack.api.client.PublisherClient;
import dev.tack.api.client.WsOverHttpRequest;
import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventFormatException;
import dev.tack.demo.web.GripGuard;
import dev.tack.demo.web.HttpError;
import dev.tack.demo.web.Request;
import dev.tack.demo.web.Response;
import dev.tack.demo.web.Router;
import java.util.Optional;

/**
 * A WebSocket echo with broadcast, as js-grip's {@code websocket} example: a WebSocket on {@code /api/echo}
 * gets every message it sends back, and everything {@code POST}ed to {@code /api/broadcast} goes to every such
 * WebSocket. The exchange with the proxy, for a client that sends {@code hi}:
 * <pre>
 * POST /api/echo                     HTTP/1.1 200 OK
 * Connection-Id: 7d2e...             Content-Type: application/websocket-events
 *                                    Sec-WebSocket-Extensions: grip
 * OPEN\r\n
 * TEXT 2\r\n                         OPEN\r\n
 * hi\r\n                             TEXT 27\r\n
 *                                    c:{"type":"subscribe","channel":"test"}\r\n
 *                                    TEXT 4\r\n
 *                                    m:hi\r\n
 * </pre>
 */
public final class EchoExample {
    static final String CHANNEL = "test";

    private final PublisherClient publisher;
    private final GripGuard guard;

    public EchoExample(PublisherClient publisher, GripGuard guard) {
        this.publisher = publisher;
        this.guard = guard;
    }

    public void register(Router router) {
        router.post("/api/echo", this::echo).post("/api/broadcast", this::broadcast);
    }

    private Response echo(Request request) {
        Optional<Response> refused = guard.check(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!WsOverHttpRequest.isWsOverHttp(request.method(), request.headers())) {
            throw new HttpError(400, "[not a websocket request] (expected: Content-Type and Accept "
                    + WsOverHttpRequest.CONTENT_TYPE + ")");
        }
        WsOverHttpRequest ws;
        try {
            ws = WsOverHttpRequest.parse(request.headers(), request.body());
        } catch (WsEventFormatException | IllegalArgumentException e) {
            throw new HttpError(400, "Error parsing WebSocket events: " + e.getMessage());
        }
        WsOverHttpResponse reply = new WsOverHttpResponse();
        if (ws.isOpening()) {
            reply.accept().subscribe(CHANNEL);
        }
        for (WsEvent event : ws.events()) {
            switch (event.type()) {
                case TEXT -> reply.send(event.text());
                case BINARY -> reply.sendBinary(event.content());
                case CLOSE -> {
                    int code = event.closeCode();
                    if (code >= 1000 && code <= 4999) {
                        reply.close(code, event.closeReason());
                    } else {
                        reply.close();
                    }
                }
                default -> {
                    // OPEN is handled above; pings are answered by the proxy; nothing to do on DISCONNECT
                }
            }
        }
        return new Response(200, reply.headers(), reply.body());
    }

    private Response broadcast(Request request) {
        try {
            publisher.publish(CHANNEL, WsMessageFormat.text(request.bodyText()));
        } catch (PublishException e) {
            throw new HttpError(502, "Bad Gateway: " + e.getMessage());
        }
        return Response.text(200, "Ok\n");
    }
}
