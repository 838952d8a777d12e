package dev.tack.bench.client;

import dev.tack.bench.http.BodyDecoder;
import dev.tack.bench.http.ContentSink;
import dev.tack.bench.http.ResponseHead;
import dev.tack.bench.http.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.Arrays;

/**
 * A long-poll subscriber: a GET that the proxy holds until a message (or the hold's timeout) answers it,
 * then at once another GET. Messages published between a response and the next held request are missed by
 * design; {@link dev.tack.bench.stats.LoopStats#repolled} records each gap and the sequence jumps are
 * counted as missed. When the server closes after a response, the subscriber carries on over a new
 * connection with its {@link SubscriberState}.
 *
 * <pre>
 * GET /poll/bench-0 HTTP/1.1       HTTP/1.1 200 OK
 * Host: 127.0.0.1:7999             Content-Length: 28
 *                                  
 *                                  B 7 1767225600123456 xxxxx
 * </pre>
 */
final class PollSubscriber extends Subscriber implements ContentSink {
    private static final int MAX_BODY = 1 << 20;

    private ResponseHead head;
    private BodyDecoder body;
    private byte[] content = new byte[128];
    private int contentLength;
    PollSubscriber(SubscriberSpec spec, SubscriberHost host, SubscriberState state, long startMicros) {
        super(spec, host, state, startMicros);
    }

    @Override
    void sendRequest(ChannelHandlerContext ctx) {
        long gapStart = state.responseEndMicros;
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(),
                "GET " + spec.transport().path(spec.channel()) + " HTTP/1.1\r\n"
                        + "Host: " + host.hostHeader() + "\r\n\r\n"))
                .addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        markMade();
                        if (gapStart >= 0) {
                            stats.repolled(host.clock().nowMicros() - gapStart);
                        }
                    }
                });
    }

    @Override
    void read(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            if (head == null) {
                head = headParser.parse(in);
                if (head == null) {
                    return;
                }
                if (head.status() / 100 != 2) {
                    fail(ctx, "status " + head.status() + " (expected: 2xx)");
                    return;
                }
                body = BodyDecoder.forHead(head);
            }
            if (!body.decode(in, this)) {
                return;
            }
            responseEnded(ctx);
            if (!ctx.channel().isActive()) {
                return;
            }
        }
    }

    @Override
    public void content(ByteBuf buf, int index, int length) {
        if (contentLength + length > content.length) {
            if (contentLength + length > MAX_BODY) {
                throw new WireFormatException("long-poll body over " + MAX_BODY
                        + " bytes (expected: one benchmark message)");
            }
            content = Arrays.copyOf(content, Math.max(contentLength + length, content.length * 2));
        }
        buf.getBytes(index, content, contentLength, length);
        contentLength += length;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null && head != null && !body.done()) {
            try {
                body.endOfInput();
                responseEnded(ctx);
                return;
            } catch (WireFormatException e) {
                // fall through: counted as lost below
            }
        }
        super.channelInactive(ctx);
    }

    private void responseEnded(ChannelHandlerContext ctx) {
        int n = contentLength;
        while (n > 0 && (content[n - 1] == '\n' || content[n - 1] == '\r')) {
            n--;
        }
        if (n > 0) {
            message(content, 0, n);
        }
        boolean keepAlive = head.keepAlive();
        head = null;
        body = null;
        contentLength = 0;
        state.responseEndMicros = host.clock().nowMicros();
        if (keepAlive && ctx.channel().isActive()) {
            sendRequest(ctx);
        } else {
            retire(ctx);
            host.reconnect(spec, state);
        }
    }
}
