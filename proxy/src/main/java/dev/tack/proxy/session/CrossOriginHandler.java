package dev.tack.proxy.session;

import dev.tack.proxy.route.JsonpOptions;
import dev.tack.proxy.route.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cross-origin handling on a client connection (docs/compatibility.md "Cross-origin and JSON-P"): where {@code [proxy]
 * auto_cross_origin} is on, or the request's route has {@code aco}, every response the connection writes for that
 * request gets the {@link CrossOrigin} headers, or, for a JSON-P request ({@link Jsonp}), is wrapped in the callback.
 * It sits in the client pipeline between the HTTP codec and the request handler, so relayed responses, held
 * responses, stream heads and Tack's own errors all pass it; a held stream's chunks are written past it and are
 * left alone (a stream hold gets CORS headers on its head but is never JSON-P wrapped, as in Pushpin).
 *
 * <p>The request handler calls {@link #begin} for each request once it has routed it; the state of one exchange
 * lasts until the next {@code begin}. Not sharable: one per connection.
 */
public final class CrossOriginHandler extends ChannelDuplexHandler {

    /** The slot name, listed with the others in the server's {@code PipelineNames}. */
    public static final String NAME = "cross-origin";

    /** The empty carry, shared: every idle connection has this handler. */
    private static final byte[] NO_BYTES = new byte[0];

    private final boolean autoCrossOrigin;
    private CrossOrigin.Request cors;
    private Jsonp.Applied jsonp;
    /** The response now being written is a stream hold's: CORS only. */
    private boolean streamFollows;
    /** A JSON-P answer is being streamed: body parts are escaped, its end closes the call. */
    private boolean wrapping;
    /** Bytes of an unfinished UTF-8 sequence (extended mode) or a held-back final newline (basic mode). */
    private byte[] carry = NO_BYTES;

    /** @param autoCrossOrigin {@code [proxy] auto_cross_origin}: every route is handled as if it had {@code aco} */
    public CrossOriginHandler(boolean autoCrossOrigin) {
        this.autoCrossOrigin = autoCrossOrigin;
    }

    /**
     * Starts an exchange: decides whether its responses get CORS headers or JSON-P, and rewrites a JSON-P
     * {@code request} into the request it stands for.
     *
     * @param route the request's route, or null when none matched (only {@code auto_cross_origin} applies then)
     * @return the body a JSON-P request carries to the origin (maybe empty), or null for any other request
     * @throws Refused for a JSON-P request that cannot be read; the caller answers 400 with its message
     */
    public byte[] begin(HttpRequest request, Route route) throws Refused {
        cors = null;
        jsonp = null;
        streamFollows = false;
        wrapping = false;
        carry = NO_BYTES;
        if (!autoCrossOrigin && (route == null || !route.autoCrossOrigin())) {
            return null;
        }
        cors = CrossOrigin.Request.of(request.headers());
        try {
            jsonp = Jsonp.apply(request, route == null ? JsonpOptions.defaults() : route.jsonp());
        } catch (Jsonp.Invalid e) {
            cors = null;
            throw new Refused(e.getMessage());
        }
        return jsonp == null ? null : jsonp.body();
    }

    /** A JSON-P request Tack cannot read, e.g. {@code Invalid callback parameter.} (Pushpin's 400 texts). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Whether the handler on {@code client}'s pipeline adds CORS headers to the current exchange's responses (it
     * then exposes every header a response carries, Tack's own among them).
     */
    static boolean handles(ChannelHandlerContext client) {
        return client.pipeline().get(NAME) instanceof CrossOriginHandler handler && handler.cors != null;
    }

    /** Tells the handler on {@code client}'s pipeline, if any, that the next response head starts a held stream. */
    static void streamFollows(ChannelHandlerContext client) {
        if (client.pipeline().get(NAME) instanceof CrossOriginHandler handler) {
            handler.streamFollows = true;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (cors == null) {
            ctx.write(msg, promise);
        } else if (msg instanceof FullHttpResponse full) {
            writeFull(ctx, full, promise);
        } else if (msg instanceof HttpResponse head) {
            writeHead(ctx, head, promise);
        } else if (wrapping && msg instanceof HttpContent part) {
            writePart(ctx, part, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void writeFull(ChannelHandlerContext ctx, FullHttpResponse response, ChannelPromise promise) {
        if (jsonp == null || streamFollows) {
            CrossOrigin.apply(cors, response.headers());
            ctx.write(response, promise);
            return;
        }
        byte[] body;
        try {
            body = Jsonp.whole(jsonp, response.status().code(), response.status().reasonPhrase(), response.headers(),
                    ByteBufUtil.getBytes(response.content()));
        } finally {
            response.release();
        }
        FullHttpResponse wrapped = new DefaultFullHttpResponse(response.protocolVersion(), HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        copyWrapperHeaders(response.headers(), wrapped.headers());
        wrapped.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.write(wrapped, promise);
    }

    private void writeHead(ChannelHandlerContext ctx, HttpResponse head, ChannelPromise promise) {
        if (jsonp == null || streamFollows) {
            CrossOrigin.apply(cors, head.headers());
            ctx.write(head, promise);
            return;
        }
        HttpResponse wrapped = new DefaultHttpResponse(head.protocolVersion(), HttpResponseStatus.OK);
        copyWrapperHeaders(head.headers(), wrapped.headers());
        wrapped.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        String start = Jsonp.start(jsonp, head.status().code(), head.status().reasonPhrase(), head.headers());
        ReferenceCountUtil.release(head);
        wrapping = true;
        ctx.write(wrapped);
        ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(start, StandardCharsets.UTF_8)), promise);
    }

    private void writePart(ChannelHandlerContext ctx, HttpContent part, ChannelPromise promise) {
        boolean last = part instanceof LastHttpContent;
        byte[] bytes;
        try {
            bytes = concat(carry, ByteBufUtil.getBytes(part.content()));
        } finally {
            part.release();
        }
        ByteBuf out;
        if (jsonp.extended()) {
            int whole = last ? bytes.length : completeUtf8(bytes);
            carry = Arrays.copyOfRange(bytes, whole, bytes.length);
            out = Unpooled.wrappedBuffer(Jsonp.escape(new String(bytes, 0, whole, StandardCharsets.UTF_8)));
        } else {
            // Basic mode drops the body's final newline; hold one back until it is known not to be the last.
            int keep = trailingNewline(bytes);
            carry = last ? NO_BYTES : Arrays.copyOfRange(bytes, bytes.length - keep, bytes.length);
            out = Unpooled.wrappedBuffer(bytes, 0, bytes.length - keep);
        }
        if (!last) {
            ctx.write(new DefaultHttpContent(out), promise);
            return;
        }
        wrapping = false;
        ByteBuf end = Unpooled.copiedBuffer(Jsonp.end(jsonp), StandardCharsets.UTF_8);
        ctx.write(new DefaultLastHttpContent(Unpooled.wrappedBuffer(out, end)), promise);
    }

    /** The wrapper keeps the connection's framing and the origin's caching, and is JavaScript. */
    private static void copyWrapperHeaders(HttpHeaders from, HttpHeaders to) {
        if (from.contains(HttpHeaderNames.CONNECTION)) {
            to.set(HttpHeaderNames.CONNECTION, from.get(HttpHeaderNames.CONNECTION));
        }
        if (from.contains(HttpHeaderNames.CACHE_CONTROL)) {
            to.set(HttpHeaderNames.CACHE_CONTROL, from.getAll(HttpHeaderNames.CACHE_CONTROL));
        }
        to.set(HttpHeaderNames.CONTENT_TYPE, "application/javascript");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** How many leading bytes of {@code bytes} end on a UTF-8 character boundary. */
    private static int completeUtf8(byte[] bytes) {
        for (int back = 1; back <= Math.min(3, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // a continuation byte: look further back for the lead byte
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? bytes.length - back : bytes.length;
        }
        return bytes.length;
    }

    private static int trailingNewline(byte[] bytes) {
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\n') {
            return n > 1 && bytes[n - 2] == '\r' ? 2 : 1;
        }
        return 0;
    }
}
