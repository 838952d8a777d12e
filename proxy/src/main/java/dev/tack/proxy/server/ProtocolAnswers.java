package dev.tack.proxy.server;

import dev.tack.proxy.log.ConnectionLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers for requests in an HTTP version Tack does not speak (docs/reliability.md "Protocol errors"). Tack's client
 * port is HTTP/1.0 and 1.1, as Pushpin's is; such a request is answered here and never reaches an origin.
 * <ul>
 * <li>An HTTP/2 client with prior knowledge opens with {@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}. It expects HTTP/2
 * frames back, so it gets the two an HTTP/2 server would send to turn it away (RFC 9113 §3.4, §6.8): an empty
 * {@code SETTINGS} frame and {@code GOAWAY} with {@code HTTP_1_1_REQUIRED} (0xd) and the reason as debug data.
 * Clients report that as "use HTTP/1.1" and retry with it.</li>
 * <li>Any other version ({@code GET / HTTP/2.0}, {@code HTTP/3.0}) gets {@code 505 HTTP Version Not Supported}.</li>
 * </ul>
 * Either way the connection closes.
 */
final class ProtocolAnswers {

    private static final Logger log = LoggerFactory.getLogger(ProtocolAnswers.class);
    private static final byte[] GOAWAY_REASON = "Tack speaks HTTP/1.1 on this port; use HTTP/1.1"
            .getBytes(StandardCharsets.US_ASCII);
    /** RFC 9113 §7: HTTP_1_1_REQUIRED. */
    static final int HTTP_1_1_REQUIRED = 0xd;

    private ProtocolAnswers() {
    }

    /**
     * Answers {@code request}, whose version is not 1.x, and closes.
     *
     * @param codec the HTTP codec's context: the HTTP/2 frames are written there, past the HTTP/1 encoder
     */
    static void unsupportedVersion(ChannelHandlerContext ctx, ChannelHandlerContext codec, HttpRequest request) {
        ctx.channel().config().setAutoRead(false);
        boolean preface = request.method().name().equals("PRI") && request.uri().equals("*")
                && request.protocolVersion().majorVersion() == 2;
        ConnectionLog.debug(log, ctx.channel(), null).log("{} {} {} from {}: not HTTP/1.x, refused", request.method(),
                request.uri(), request.protocolVersion(), ctx.channel().remoteAddress());
        if (preface) {
            codec.writeAndFlush(http2Refusal(ctx)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String text = "HTTP Version Not Supported: " + request.protocolVersion().text()
                + " (expected: HTTP/1.0 or HTTP/1.1)\n";
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** An empty SETTINGS frame, then GOAWAY(last stream 0, HTTP_1_1_REQUIRED, reason), as RFC 9113 lays them out. */
    static ByteBuf http2Refusal(ChannelHandlerContext ctx) {
        ByteBuf out = ctx.alloc().buffer(9 + 9 + 8 + GOAWAY_REASON.length);
        frameHeader(out, 0, 0x4);
        frameHeader(out, 8 + GOAWAY_REASON.length, 0x7);
        out.writeInt(0);
        out.writeInt(HTTP_1_1_REQUIRED);
        out.writeBytes(GOAWAY_REASON);
        return out;
    }

    /** A frame header on stream 0 without flags: 24-bit length, type, flags, stream id. */
    private static void frameHeader(ByteBuf out, int length, int type) {
        out.writeMedium(length);
        out.writeByte(type);
        out.writeByte(0);
        out.writeInt(0);
    }
}
