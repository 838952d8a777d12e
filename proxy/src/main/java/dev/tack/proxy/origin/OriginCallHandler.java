package dev.tack.proxy.origin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * What an {@link OriginCall} reports, always on the caller's event loop. After {@link #response}, {@link #failed}
 * or {@link #upgraded} nothing more comes.
 */
public interface OriginCallHandler {

    /** How the caller takes a response body. */
    enum Body {
        /** Part by part through {@link #content}, with {@link OriginCall#readResponse} for backpressure. */
        STREAM,
        /** Whole, through {@link #response}, bounded and timed by the request's policy. */
        BUFFER
    }

    /** The final response head ({@code 1xx} answers skipped); the handler says how to take the body. */
    Body head(HttpResponse head);

    /** A part of a streamed body, borrowed for the duration of the call; a {@link LastHttpContent} ends it. */
    default void content(HttpContent part) {
    }

    /**
     * A buffered body outgrew the policy's limit. Returning true turns the call into a streamed one: {@code soFar}
     * (borrowed for the duration of the call) holds what arrived so far, and the rest comes through {@link
     * #content} with {@link OriginCall#readResponse} for backpressure; false fails the call as too large.
     */
    default boolean overflow(ByteBuf soFar) {
        return false;
    }

    /** The whole response, when the body was buffered. */
    default void response(OriginResponse response) {
    }

    /** The call ended without a (complete) response. */
    void failed(OriginFailure failure);

    /** A streamed request body may (or may not) be sent faster now. */
    default void requestWritable(boolean writable) {
    }

    /**
     * The origin accepted a WebSocket handshake ({@link OriginRequest#upgrade}): the connection is the caller's
     * now, no longer the pool's; its pipeline still holds the HTTP codec and the call's handler ({@link
     * OriginPipeline#CALL}), which the caller replaces. {@code response} has no content.
     */
    default void upgraded(Channel connection, FullHttpResponse response) {
        connection.close();
    }
}
