package dev.tack.proxy.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.Locale;

/**
 * Relays a plain (non-GRIP) origin response to the client as it arrives: the head without the headers that
 * belong to the origin's hop ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}, as Pushpin's
 * {@code proxysession.cpp startResponse}; every other header passes), chunked when the origin gave no length,
 * then each body part. The caller pauses the origin while the client's socket is full. {@code Content-Encoding}
 * passes too (Pushpin removes it, having asked the origin for no encoding): the body of an origin that compresses
 * anyway stays readable (docs/compatibility.md "Requests to the origin").
 */
final class ResponseRelay {

    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "transfer-encoding");

    private final ChannelHandlerContext client;
    private final HttpMethod method;
    private final boolean keepAlive;

    /** @param keepAlive whether the client's connection stays open after this response */
    ResponseRelay(ChannelHandlerContext client, HttpMethod method, boolean keepAlive) {
        this.client = client;
        this.method = method;
        this.keepAlive = keepAlive;
    }

    /** Writes the client's response head for the origin's {@code head}; {@code head} is not kept. */
    void head(HttpResponse head) {
        HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, head.status());
        for (var entry : head.headers()) {
            if (!HOP_BY_HOP.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(entry.getKey(), entry.getValue());
            }
        }
        int code = head.status().code();
        boolean bodyless = method.equals(HttpMethod.HEAD) || code == 204 || code == 304;
        if (!bodyless && !out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            out.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        client.write(out);
    }

    /**
     * Writes a body part (borrowed: what is written is retained here) and flushes.
     *
     * @return whether the client can take more now; when not, the caller pauses the origin until it can
     */
    boolean content(HttpContent part) {
        client.write(part instanceof LastHttpContent ? new DefaultLastHttpContent(part.content().retain())
                : part.retain());
        client.flush();
        return client.channel().isWritable();
    }
}
