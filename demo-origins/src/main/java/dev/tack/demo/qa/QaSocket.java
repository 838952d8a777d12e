package dev.tack.demo.qa;

import dev.tack.api.client.PublishException;
import dev.tack.api.client.WsOverHttpRequest;
import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventFormatException;
import dev.tack.demo.web.GripGuard;
import dev.tack.demo.web.HttpError;
import dev.tack.demo.web.Request;
import dev.tack.demo.web.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/websocket?roomId=<id>}: the board's WebSocket, as WebSocket-over-HTTP requests from the proxy
 * (docs/compatibility.md "WebSocket-over-HTTP"). The opening request is accepted and subscribed to the room, with a
 * {@code {}} keep-alive after 20 idle seconds:
 * <pre>
 * POST /api/websocket?roomId=demo              HTTP/1.1 200 OK
 * Connection-Id: 3f1c...                       Content-Type: application/websocket-events
 * Grip-Sig: eyJ0eXAi...                        Sec-WebSocket-Extensions: grip
 *                                              Keep-Alive-Interval: 20
 * OPEN\r\n
 *                                              OPEN\r\n
 *                                              TEXT 2c\r\n
 *                                              c:{"type":"subscribe","channel":"room-demo"}\r\n
 *                                              TEXT 41\r\n
 *                                              c:{"type":"keep-alive","content":"{}","timeout":20,"mode":"idle"}\r\n
 * </pre>
 * Later requests carry the browser's messages as {@code TEXT} events; each is applied by {@link QaBoard} and
 * everything it yields is published in one request before the reply, so the change is on its way to the room
 * when the sender's request returns. The reply itself carries nothing but errors for the sender
 * ({@code m:{"type":"ERROR",...}}) and, after the browser's {@code CLOSE}, a {@code CLOSE} back.
 * Requests without a valid {@code Grip-Sig} are refused ({@link GripGuard}).
 */
public final class QaSocket {
    private static final Logger log = LoggerFactory.getLogger(QaSocket.class);
    /** Seconds between the proxy's idle polls and the client keep-alives, as in the original. */
    static final int KEEP_ALIVE_SECONDS = 20;

    private final QaBoard board;
    private final GripGuard guard;

    public QaSocket(QaBoard board, GripGuard guard) {
        this.board = board;
        this.guard = guard;
    }

    /** Answers one WebSocket-over-HTTP request. */
    public Response handle(Request request) {
        Optional<Response> refused = guard.check(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        String roomId = request.queryParam("roomId").filter(r -> !r.isEmpty())
                .orElseThrow(() -> new HttpError(400, "[missing room]"));
        try {
            QaRules.id("roomId", roomId);
        } catch (QaException e) {
            throw new HttpError(400, e.getMessage());
        }
        if (!WsOverHttpRequest.isWsOverHttp(request.method(), request.headers())) {
            throw new HttpError(400, "[not a websocket request] (expected: POST with Content-Type and Accept "
                    + WsOverHttpRequest.CONTENT_TYPE + ", as a GRIP proxy sends for a WebSocket on an over_http route)");
        }
        WsOverHttpRequest ws;
        try {
            ws = WsOverHttpRequest.parse(request.headers(), request.body());
        } catch (WsEventFormatException | IllegalArgumentException e) {
            throw new HttpError(400, "Error parsing WebSocket events: " + e.getMessage());
        }

        WsOverHttpResponse reply = new WsOverHttpResponse().keepAliveInterval(KEEP_ALIVE_SECONDS);
        String channel = QaBoard.channel(roomId);
        if (ws.isOpening()) {
            reply.accept().subscribe(channel).keepAlive("{}", KEEP_ALIVE_SECONDS);
            board.store().addSubscription(channel, ws.connectionId());
            if (board.store().room(roomId).isEmpty()) {
                board.store().updateRoom(roomId, null, null);
            }
            log.info("connection {} joined {}", ws.connectionId(), channel);
        }
        List<QaBoard.Broadcast> broadcasts = new ArrayList<>();
        for (WsEvent event : ws.events()) {
            switch (event.type()) {
                case TEXT -> apply(event.text(), roomId, broadcasts, reply);
                case CLOSE -> {
                    int code = event.closeCode();
                    if (code >= 1000 && code <= 4999) {
                        reply.close(code, "");
                    } else {
                        reply.close();
                    }
                    leave(ws.connectionId(), channel);
                }
                case DISCONNECT -> leave(ws.connectionId(), channel);
                default -> {
                    // OPEN is handled above; the proxy answers pings itself; binary frames mean nothing here
                }
            }
        }
        try {
            board.publish(broadcasts);
        } catch (PublishException e) {
            log.warn("publishing to {} failed: {}", channel, e.getMessage());
            reply.send(QaMessages.error("the change was saved but could not be published: " + e.getMessage()));
        }
        return new Response(200, reply.headers(), reply.body());
    }

    private void apply(String text, String roomId, List<QaBoard.Broadcast> broadcasts, WsOverHttpResponse reply) {
        try {
            broadcasts.addAll(board.apply(QaMessages.decode(text), roomId));
        } catch (QaException e) {
            log.info("refused a message in room {}: {}", roomId, e.getMessage());
            reply.send(QaMessages.error(e.getMessage()));
        }
    }

    private void leave(String connectionId, String channel) {
        board.store().removeSubscriptionEverywhere(connectionId);
        log.info("connection {} left {}", connectionId, channel);
    }
}
