package dev.tack.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.route.RoutesParser;
import dev.tack.proxy.session.ProxyEnvironment;
import dev.tack.proxy.testing.TestEnvironment;
import dev.tack.proxy.ws.WsHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket handshake and frame handlers on an EmbeddedChannel, against the built-in {@code test} target
 * (which accepts with GRIP on and echoes text): 101 with the right accept key, permessage-deflate declined by
 * default, fragmented messages joined, size limit, UTF-8 validation and ping.
 */
class WebSocketUpgradeTest {

    private EmbeddedChannel server(boolean allowCompression, int maxMessage) throws Exception {
        var routes = RoutesParser.parse(List.of("* test"), w -> { });
        TackMetrics metrics = new TackMetrics("");
        return new EmbeddedChannel(new io.netty.channel.ChannelInitializer<io.netty.channel.Channel>() {
            @Override
            protected void initChannel(io.netty.channel.Channel ch) {
                ProxyEnvironment env = TestEnvironment.of(routes, ch.eventLoop(), metrics, "");
                ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec());
                ch.pipeline().addLast(PipelineNames.EXPECT_CONTINUE, new HttpServerExpectContinueHandler());
                ch.pipeline().addLast(PipelineNames.CLIENT, new ClientHttpHandler(env, new RouteTable(routes), false,
                        false, new WsHandshake(env, maxMessage, allowCompression)));
            }
        });
    }

    /** Sends the upgrade request and returns the response head. */
    private static HttpResponse upgrade(EmbeddedChannel channel, String extensions) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?channel=c");
        request.headers().set("Host", "localhost").set("Upgrade", "websocket").set("Connection", "Upgrade")
                .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").set("Sec-WebSocket-Version", "13")
                .set("Content-Length", 0);
        if (extensions != null) {
            request.headers().set("Sec-WebSocket-Extensions", extensions);
        }
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        encoder.writeOutbound(request);
        ByteBuf wire;
        while ((wire = encoder.readOutbound()) != null) {
            channel.writeInbound(wire);
        }
        encoder.finish();
        channel.runPendingTasks();

        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder());
        decoder.writeInbound((ByteBuf) channel.readOutbound());
        HttpResponse response = decoder.readInbound();
        decoder.finishAndReleaseAll();
        return response;
    }

    /** Writes client frames (masked) into the server and returns the frames it sends back. */
    private static List<WebSocketFrame> exchange(EmbeddedChannel channel, WebSocketFrame... frames) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        for (WebSocketFrame frame : frames) {
            client.writeOutbound(frame);
        }
        ByteBuf wire;
        while ((wire = client.readOutbound()) != null) {
            channel.writeInbound(wire);
        }
        client.finish();
        EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(false, true, 1 << 20, true));
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            decoder.writeInbound(out);
        }
        List<WebSocketFrame> received = new ArrayList<>();
        WebSocketFrame frame;
        while ((frame = decoder.readInbound()) != null) {
            received.add(frame);
        }
        decoder.finishAndReleaseAll();
        return received;
    }

    private static String text(WebSocketFrame frame) {
        try {
            return frame.content().toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    @Test
    void upgradeAnswers101WithTheAcceptKeyAndNoExtensions() throws Exception {
        EmbeddedChannel channel = server(false, 1 << 20);
        HttpResponse response = upgrade(channel, "permessage-deflate; client_max_window_bits, grip");
        assertEquals(101, response.status().code());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.headers().get("Sec-WebSocket-Accept"));
        assertNull(response.headers().get("Sec-WebSocket-Extensions"));
        assertNull(channel.pipeline().get(PipelineNames.HTTP_CODEC));
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void permessageDeflateIsNegotiatedWhenAllowed() throws Exception {
        EmbeddedChannel channel = server(true, 1 << 20);
        HttpResponse response = upgrade(channel, "permessage-deflate");
        assertTrue(response.headers().get("Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
        channel.finishAndReleaseAll();
    }

    @Test
    void fragmentedMessagesAreJoinedBeforeTheyReachTheOrigin() throws Exception {
        EmbeddedChannel channel = server(false, 1 << 20);
        upgrade(channel, null);
        List<WebSocketFrame> replies = exchange(channel, new TextWebSocketFrame(false, 0, "hel"),
                new ContinuationWebSocketFrame(true, 0, "lo"));
        assertEquals(1, replies.size());
        assertEquals("hello", text(replies.get(0)));
        channel.finishAndReleaseAll();
    }

    @Test
    void messageOverTheLimitIsClosedWith1009() throws Exception {
        EmbeddedChannel channel = server(false, 8);
        upgrade(channel, null);
        List<WebSocketFrame> replies = exchange(channel, new TextWebSocketFrame(false, 0, "12345"),
                new ContinuationWebSocketFrame(true, 0, "67890"));
        CloseWebSocketFrame close = (CloseWebSocketFrame) replies.get(replies.size() - 1);
        assertEquals(1009, close.statusCode());
        replies.forEach(WebSocketFrame::release);
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void invalidUtf8IsClosedWith1007() throws Exception {
        EmbeddedChannel channel = server(false, 1 << 20);
        upgrade(channel, null);
        List<WebSocketFrame> replies = exchange(channel,
                new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 0xc3, (byte) 0x28})));
        CloseWebSocketFrame close = (CloseWebSocketFrame) replies.get(replies.size() - 1);
        assertEquals(1007, close.statusCode());
        replies.forEach(WebSocketFrame::release);
        channel.finishAndReleaseAll();
    }

    @Test
    void pingReachesTheOriginAndItsPongComesBack() throws Exception {
        EmbeddedChannel channel = server(false, 1 << 20);
        upgrade(channel, null);
        List<WebSocketFrame> replies = exchange(channel, new PingWebSocketFrame(Unpooled.copiedBuffer("p", StandardCharsets.UTF_8)));
        assertTrue(replies.get(0) instanceof PongWebSocketFrame);
        assertEquals("p", text(replies.get(0)));
        channel.finishAndReleaseAll();
    }
}
