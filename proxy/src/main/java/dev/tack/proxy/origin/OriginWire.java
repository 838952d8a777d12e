package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.proxy.route.Target;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;

/** Between an {@link OriginRequest} value and what goes on the wire for one attempt, and back for the answer. */
final class OriginWire {

    /** What Tack can do for an origin, announced on every signed request ({@code Grip-Feature}). */
    static final String GRIP_FEATURES = "status";

    private OriginWire() {
    }

    /**
     * The request for one attempt at {@code target}: the target's {@code host=} as {@code Host}, a fresh {@code
     * Grip-Sig} when the request is signed, and a whole body with its {@code Content-Length}. The result owns
     * (wraps) the request's body array.
     */
    static HttpRequest request(OriginRequest request, Target target, Signers signers) {
        HttpRequest out = request.body() == null
                ? new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri())
                : new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(),
                        Unpooled.wrappedBuffer(request.body()));
        HttpHeaders headers = out.headers();
        for (Header header : request.headers()) {
            headers.add(header.name(), header.value());
        }
        if (target.hostHeader() != null && !target.hostHeader().isEmpty()) {
            headers.set(HttpHeaderNames.HOST, target.hostHeader());
        }
        if (request.sign()) {
            String sig = signers.sign(request.route());
            if (sig != null) {
                headers.set("Grip-Sig", sig);
                headers.set("Grip-Feature", GRIP_FEATURES);
            }
        }
        if (request.body() != null) {
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            boolean bodiless = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
            if (request.body().length > 0 || !bodiless) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
            } else {
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            }
        }
        return out;
    }

    /** The headers of {@code message} as wire-text pairs, in order. */
    static List<Header> headers(HttpResponse message) {
        List<Header> headers = new ArrayList<>(message.headers().size());
        for (var entry : message.headers()) {
            headers.add(new Header(entry.getKey(), entry.getValue()));
        }
        return headers;
    }

    /** The head of a response made inside Tack (the built-in test target's), with its {@code Content-Length}. */
    static HttpResponse head(OriginResponse response) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(response.status(), response.reason()));
        for (Header header : response.headers()) {
            head.headers().add(header.name(), header.value());
        }
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        return head;
    }
}
