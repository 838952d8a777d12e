package dev.tack.bench.origin;

import dev.tack.bench.http.WireFormatException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Answers every request of the bench origin with a GRIP instruction. Examples of the responses:
 *
 * <pre>
 * GET /sse/bench-0        200, Content-Type: text/event-stream, Grip-Hold: stream, Grip-Channel: bench-0,
 *                         Grip-Keep-Alive: :\n\n; format=cstring; timeout=55
 * GET /stream/bench-0     200, Content-Type: text/plain, Grip-Hold: stream, Grip-Channel: bench-0
 * GET /poll/bench-0       200, Content-Type: text/plain, Grip-Hold: response, Grip-Channel: bench-0,
 *                         Grip-Timeout: 55, empty body (what the client gets if nothing is published)
 * POST /ws/bench-0 (OPEN) 200, Content-Type: application/websocket-events, Sec-WebSocket-Extensions: grip,
 *                         body OPEN\r\nTEXT 2f\r\nc:{"type":"subscribe","channel":"bench-0"}\r\n
 * </pre>
 *
 * Later WebSocket-over-HTTP requests get an empty events body, or {@code CLOSE} when the client closed.
 * Stateless, so one instance serves every connection.
 */
@Sharable
final class OriginHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9._-]+");
    static final String SSE_KEEP_ALIVE = ":\\n\\n; format=cstring; timeout=55";

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse res = respond(req);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        HttpUtil.setContentLength(res, res.content().readableBytes());
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse respond(FullHttpRequest req) {
        String path = req.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] parts = path.split("/", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return "/".equals(path) ? text(HttpResponseStatus.OK, "tack bench origin\n") : notFound(path);
        }
        String kind = parts[1];
        String channel = parts[2];
        if (!CHANNEL.matcher(channel).matches()) {
            return text(HttpResponseStatus.BAD_REQUEST,
                    "channel: '" + channel + "' (expected: letters, digits, '.', '_' or '-')\n");
        }
        return switch (kind) {
            case "sse" -> hold("stream", channel, "text/event-stream", "Grip-Keep-Alive", SSE_KEEP_ALIVE);
            case "stream" -> hold("stream", channel, "text/plain", null, null);
            case "poll" -> hold("response", channel, "text/plain", "Grip-Timeout", "55");
            case "ws" -> webSocketOverHttp(req, channel);
            default -> notFound(path);
        };
    }

    private static FullHttpResponse hold(String mode, String channel, String contentType, String extraName,
            String extraValue) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set("Grip-Hold", mode)
                .set("Grip-Channel", channel);
        if (extraName != null) {
            res.headers().set(extraName, extraValue);
        }
        return res;
    }

    private static FullHttpResponse webSocketOverHttp(FullHttpRequest req, String channel) {
        if (req.method() != HttpMethod.POST) {
            return text(HttpResponseStatus.BAD_REQUEST, "/ws/ takes WebSocket-over-HTTP POSTs (expected: a proxy "
                    + "route with over_http, e.g. '* 127.0.0.1:8090,over_http'), got " + req.method() + "\n");
        }
        List<String> events;
        try {
            events = WsEvents.types(ByteBufUtil.getBytes(req.content()));
        } catch (WireFormatException e) {
            return text(HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n");
        }
        String body = "";
        if (!events.isEmpty() && events.get(0).equals("OPEN")) {
            body = WsEvents.openAndSubscribe(channel);
        } else if (events.contains("CLOSE")) {
            body = "CLOSE\r\n";
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, WsEvents.CONTENT_TYPE);
        if (!body.isEmpty() && body.startsWith("OPEN")) {
            res.headers().set("Sec-WebSocket-Extensions", "grip");
        }
        return res;
    }

    private static FullHttpResponse notFound(String path) {
        return text(HttpResponseStatus.NOT_FOUND, "no route for " + path
                + " (expected: /sse/<channel>, /stream/<channel>, /poll/<channel> or /ws/<channel>)\n");
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return res;
    }
}
