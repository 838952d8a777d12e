package dev.tack.bench.client;

import dev.tack.bench.http.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * A WebSocket subscriber: the RFC 6455 upgrade, a check of {@code Sec-WebSocket-Accept}, then frames read
 * by a {@link WebSocketFrameParser}. Text and binary messages are payloads; pings are answered with a pong,
 * a close frame is echoed and ends the subscription. The subscription itself is made by the origin (a
 * {@code c:subscribe} control message over WebSocket-over-HTTP), so the client sends nothing after the
 * handshake.
 */
final class WsSubscriber extends Subscriber implements WebSocketFrameParser.FrameSink {
    private final String key = WebSocketHandshake.newKey();
    private WebSocketFrameParser frames;

    WsSubscriber(SubscriberSpec spec, SubscriberHost host, SubscriberState state, long startMicros) {
        super(spec, host, state, startMicros);
    }

    @Override
    void sendRequest(ChannelHandlerContext ctx) {
        writeText(ctx, WebSocketHandshake.request(spec.transport().path(spec.channel()), host.hostHeader(), key));
    }

    @Override
    void read(ChannelHandlerContext ctx, ByteBuf in) {
        if (frames == null) {
            ResponseHead head = headParser.parse(in);
            if (head == null || !expectStatus(ctx, head, 101)) {
                return;
            }
            String accept = head.header("Sec-WebSocket-Accept");
            String expected = WebSocketHandshake.acceptFor(key);
            if (!expected.equals(accept)) {
                fail(ctx, "Sec-WebSocket-Accept: " + accept + " (expected: " + expected + ")");
                return;
            }
            frames = new WebSocketFrameParser(this);
            handshakeDone();
        }
        frames.decode(in);
    }

    @Override
    public void message(int opcode, byte[] payload, int length) {
        message(payload, 0, length);
    }

    @Override
    public void control(int opcode, byte[] payload, int length) {
        if (opcode == WebSocketFrameParser.OP_PING) {
            ctx.writeAndFlush(WebSocketHandshake.maskedFrame(ctx.alloc(), WebSocketFrameParser.OP_PONG, payload, length));
        } else if (opcode == WebSocketFrameParser.OP_CLOSE) {
            int code = length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
            int echo = Math.min(length, 2);
            ctx.writeAndFlush(WebSocketHandshake.maskedFrame(ctx.alloc(), WebSocketFrameParser.OP_CLOSE, payload, echo))
                    .addListener(ChannelFutureListener.CLOSE);
            fail(ctx, "WebSocket closed by the server with code " + code);
        }
    }
}
