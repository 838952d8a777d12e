package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.api.publish.JsonPatch;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the HTTP responses a hold sends: the stored one, a published one, or a stream's head. */
final class Responses {

    private Responses() {
    }

    /** A complete response with {@code Content-Length}; the result owns a copy of {@code body}. */
    public static FullHttpResponse full(int code, String reason, List<Header> headers, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(code, reason), Unpooled.wrappedBuffer(body));
        for (Header header : headers) {
            response.headers().add(header.name(), header.value());
        }
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    /**
     * An error Tack itself answers, as Pushpin words its errors ({@code requestsession.cpp respondError}):
     * {@code text/plain}, a trailing newline, and the connection closed after it, e.g. {@code 502 Bad Gateway} with
     * {@code Error while proxying to origin.\n}.
     *
     * @param debugText what a debug route says instead of {@code text} (Pushpin's debug message replaces the
     *     generic one), or null
     */
    public static FullHttpResponse error(int code, String text, String debugText) {
        String body = (debugText == null ? text : debugText) + "\n";
        FullHttpResponse response = full(code, reasonFor(code), List.of(new Header("Content-Type", "text/plain")),
                body.getBytes(StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 411 -> "Length Required";
            default -> "Bad Gateway";
        };
    }

    /** The head of a streamed response: the given headers, no {@code Content-Length}, chunked. */
    public static HttpResponse streamHead(int code, String reason, List<Header> headers) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, new HttpResponseStatus(code, reason));
        for (Header header : headers) {
            response.headers().add(header.name(), header.value());
        }
        response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        return response;
    }

    /**
     * The response a published {@code http-response} makes of a held one (docs/compatibility.md "Long-polling"): the
     * held headers overridden by the published ones (minus {@code Grip-*}), then without the headers the
     * published {@code Grip-Expose-Headers} names (Pushpin's current behaviour, kept for compatibility);
     * the body is the published body or the held body with {@code body-patch} applied.
     */
    public static FullHttpResponse published(HttpResponseFormat format, List<Header> heldHeaders, byte[] heldBody) {
        return publishedWithBody(format, heldHeaders, publishedBody(format, heldBody));
    }

    /**
     * The body a published {@code http-response} gives a held response before any filter runs: the published body,
     * or the held body with {@code body-patch} applied.
     */
    static byte[] publishedBody(HttpResponseFormat format, byte[] heldBody) {
        return format.bodyPatch() != null ? JsonPatch.patchBody(heldBody, format.bodyPatch())
                : format.body() != null ? format.body() : new byte[0];
    }

    /** As {@link #published(HttpResponseFormat, List, byte[])}, with the body the filters made of it. */
    static FullHttpResponse publishedWithBody(HttpResponseFormat format, List<Header> heldHeaders, byte[] body) {
        Set<String> publishedNames = new HashSet<>();
        Set<String> removed = new HashSet<>();
        List<Header> published = new ArrayList<>();
        for (Header header : format.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (name.equals("grip-expose-headers")) {
                for (String listed : header.value().split(",")) {
                    removed.add(listed.trim().toLowerCase(Locale.ROOT));
                }
            } else if (!name.startsWith("grip-")) {
                publishedNames.add(name);
                published.add(header);
            }
        }
        List<Header> headers = new ArrayList<>();
        for (Header header : heldHeaders) {
            if (!publishedNames.contains(header.name().toLowerCase(Locale.ROOT))) {
                headers.add(header);
            }
        }
        headers.addAll(published);
        headers.removeIf(h -> removed.contains(h.name().toLowerCase(Locale.ROOT)));
        return full(format.code(), format.reason(), headers, body);
    }
}
