package dev.tack.bench.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OriginHandlerTest {
    @Test
    void sseHoldsAStreamWithCommentKeepAlives() {
        FullHttpResponse res = request(HttpMethod.GET, "/sse/bench-0", "");
        try {
            assertEquals(200, res.status().code());
            assertEquals("text/event-stream", res.headers().get("Content-Type"));
            assertEquals("stream", res.headers().get("Grip-Hold"));
            assertEquals("bench-0", res.headers().get("Grip-Channel"));
            assertEquals(":\\n\\n; format=cstring; timeout=55", res.headers().get("Grip-Keep-Alive"));
        } finally {
            res.release();
        }
    }

    @Test
    void streamHoldsAPlainStream() {
        FullHttpResponse res = request(HttpMethod.GET, "/stream/c1", "");
        try {
            assertEquals("stream", res.headers().get("Grip-Hold"));
            assertEquals("text/plain", res.headers().get("Content-Type"));
            assertNull(res.headers().get("Grip-Keep-Alive"));
        } finally {
            res.release();
        }
    }

    @Test
    void pollHoldsAResponseFor55Seconds() {
        FullHttpResponse res = request(HttpMethod.GET, "/poll/c1?x=1", "");
        try {
            assertEquals("response", res.headers().get("Grip-Hold"));
            assertEquals("c1", res.headers().get("Grip-Channel"));
            assertEquals("55", res.headers().get("Grip-Timeout"));
            assertEquals(0, res.content().readableBytes());
        } finally {
            res.release();
        }
    }

    @Test
    void webSocketOpenIsAcceptedAndSubscribed() {
        FullHttpResponse res = request(HttpMethod.POST, "/ws/bench-0", "OPEN\r\n");
        try {
            assertEquals(200, res.status().code());
            assertEquals("application/websocket-events", res.headers().get("Content-Type"));
            assertEquals("grip", res.headers().get("Sec-WebSocket-Extensions"));
            assertEquals(WsEvents.openAndSubscribe("bench-0"), res.content().toString(StandardCharsets.UTF_8));
        } finally {
            res.release();
        }
    }

    @Test
    void laterWebSocketRequestsGetAnEmptyBody() {
        FullHttpResponse res = request(HttpMethod.POST, "/ws/bench-0", "TEXT 2\r\nhi\r\n");
        try {
            assertEquals(200, res.status().code());
            assertEquals("application/websocket-events", res.headers().get("Content-Type"));
            assertEquals(0, res.content().readableBytes());
            assertNull(res.headers().get("Sec-WebSocket-Extensions"));
        } finally {
            res.release();
        }
    }

    @Test
    void clientCloseIsAnsweredWithClose() {
        FullHttpResponse res = request(HttpMethod.POST, "/ws/bench-0", "CLOSE 2\r\n\u0003\u00e8\r\n");
        try {
            assertEquals("CLOSE\r\n", res.content().toString(StandardCharsets.UTF_8));
        } finally {
            res.release();
        }
    }

    @Test
    void webSocketUpgradeWithoutOverHttpIsExplained() {
        FullHttpResponse res = request(HttpMethod.GET, "/ws/bench-0", "");
        try {
            assertEquals(400, res.status().code());
            assertEquals("/ws/ takes WebSocket-over-HTTP POSTs (expected: a proxy route with over_http, "
                    + "e.g. '* 127.0.0.1:8090,over_http'), got GET\n", res.content().toString(StandardCharsets.UTF_8));
        } finally {
            res.release();
        }
    }

    @Test
    void badChannelNameIsRejected() {
        FullHttpResponse res = request(HttpMethod.GET, "/sse/a%20b", "");
        try {
            assertEquals(400, res.status().code());
            assertEquals("channel: 'a%20b' (expected: letters, digits, '.', '_' or '-')\n",
                    res.content().toString(StandardCharsets.UTF_8));
        } finally {
            res.release();
        }
    }

    @Test
    void unknownPathIsNotFound() {
        FullHttpResponse res = request(HttpMethod.GET, "/other/x", "");
        try {
            assertEquals(404, res.status().code());
        } finally {
            res.release();
        }
    }

    private static FullHttpResponse request(HttpMethod method, String uri, String body) {
        EmbeddedChannel ch = new EmbeddedChannel(new OriginHandler());
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.ISO_8859_1));
        ch.writeInbound(req);
        FullHttpResponse res = ch.readOutbound();
        assertFalse(ch.finish());
        return res;
    }
}
