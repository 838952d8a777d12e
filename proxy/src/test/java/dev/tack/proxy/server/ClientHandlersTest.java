package dev.tack.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.route.RouteTable;
import dev.tack.proxy.route.RoutesParser;
import dev.tack.proxy.session.ProxyEnvironment;
import dev.tack.proxy.testing.TestEnvironment;
import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client-side HTTP handler on EmbeddedChannels: routing answers that need no origin. */
class ClientHandlersTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final TackMetrics metrics = new TackMetrics("");

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private EmbeddedChannel client(String... routeLines) throws Exception {
        var routes = RoutesParser.parse(List.of(routeLines), w -> { });
        ProxyEnvironment env = TestEnvironment.of(routes, loops, metrics, "changeme");
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec());
        channel.pipeline().addLast(PipelineNames.CLIENT, new ClientHttpHandler(env, new RouteTable(routes), false, false,
                (ctx, request, route, tls) -> { }));
        return channel;
    }

    /** Sends a request as bytes and decodes the bytes that come back. */
    private static String exchange(EmbeddedChannel channel, String host, String path) {
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        request.headers().set("Host", host);
        request.headers().set("Content-Length", 0);
        encoder.writeOutbound(request);
        ByteBuf wire;
        while ((wire = encoder.readOutbound()) != null) {
            channel.writeInbound(wire);
        }
        assertFalse(encoder.finish());
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 16));
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            decoder.writeInbound(out);
        }
        FullHttpResponse response = decoder.readInbound();
        try {
            return response.status().code() + " " + response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
            decoder.finishAndReleaseAll();
        }
    }

    @Test
    void requestWithoutARouteGets502RouteNotFoundAndTheConnectionCloses() throws Exception {
        EmbeddedChannel channel = client("example.org 127.0.0.1:1");
        assertEquals("502 Route not found\n", exchange(channel, "other.org", "/"));
        assertFalse(channel.isOpen());
        assertFalse(channel.finish());
    }

    @Test
    void testTargetAnswersWithoutAnOriginAndKeepsTheConnection() throws Exception {
        EmbeddedChannel channel = client("* test");
        assertEquals("200 Hello from the Pushpin test handler!\n", exchange(channel, "any.host", "/"));
        assertEquals("404 no such test resource\n", exchange(channel, "any.host", "/nothing"));
        assertTrue(channel.isOpen());
        assertFalse(channel.finishAndReleaseAll());
    }
}
