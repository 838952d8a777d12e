package dev.tack.bench.client;

import dev.tack.bench.http.BodyDecoder;
import dev.tack.bench.http.ContentSink;
import dev.tack.bench.http.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * An SSE or plain HTTP-stream subscriber: one GET, a {@code 200} head, then a body that never ends while the
 * subscription lasts, split by its framing (chunked with Pushpin) and read by an {@link SseParser} or a
 * {@link LineParser}. An SSE subscriber that reconnects sends the id of the last event it received, as a
 * browser's {@code EventSource} does:
 *
 * <pre>
 * GET /sse/bench-0 HTTP/1.1        HTTP/1.1 200 OK
 * Host: 127.0.0.1:7999             Content-Type: text/event-stream
 * Accept: text/event-stream        Transfer-Encoding: chunked
 * Last-Event-ID: 41
 * </pre>
 */
final class StreamSubscriber extends Subscriber {
    private final ContentSink parser;
    private final SseParser sse;
    private BodyDecoder body;

    StreamSubscriber(SubscriberSpec spec, SubscriberHost host, SubscriberState state, long startMicros) {
        super(spec, host, state, startMicros);
        this.sse = spec.transport() == Transport.SSE ? new SseParser(this) : null;
        this.parser = sse != null ? sse : new LineParser(this);
    }

    @Override
    void sendRequest(ChannelHandlerContext ctx) {
        String headers = "";
        if (sse != null) {
            headers = "Accept: text/event-stream\r\n"
                    + (state.lastEventId == null ? "" : "Last-Event-ID: " + state.lastEventId + "\r\n");
        }
        writeText(ctx, "GET " + spec.transport().path(spec.channel()) + " HTTP/1.1\r\n"
                + "Host: " + host.hostHeader() + "\r\n" + headers + "\r\n");
    }

    @Override
    void rememberEventId() {
        if (sse != null && sse.lastEventId() != null) {
            state.lastEventId = sse.lastEventId();
        }
    }

    @Override
    void read(ChannelHandlerContext ctx, ByteBuf in) {
        if (body == null) {
            ResponseHead head = headParser.parse(in);
            if (head == null || !expectStatus(ctx, head, 200)) {
                return;
            }
            body = BodyDecoder.forHead(head);
            handshakeDone();
        }
        if (body.decode(in, parser)) {
            fail(ctx, "stream ended by the server");
        }
    }
}
