package dev.tack.proxy.metrics;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.TimeoutException;
import java.io.IOException;
import java.net.SocketException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Why a client connection failed: the {@code reason} label of {@code tack_connection_failures_total}. */
public enum ConnectionFailure {
    /** The peer reset or broke the connection. */
    RESET,
    /**
     * A read, write or handshake timed out, or a timer of Tack's ended the connection: a request head or body too
     * slow, an unanswered WebSocket ping (docs/reliability.md "Timeouts"). An idle keep-alive connection closed
     * by its timer is not a failure.
     */
    TIMEOUT,
    /** The client broke the protocol (bad HTTP, bad WebSocket frame). */
    PROTOCOL,
    /** The client sent more than a limit allows. */
    TOO_LARGE,
    /** TLS failed. */
    TLS,
    /** Refused on arrival: {@code client_maxconn} connections were open already (answered 503). */
    OVER_LIMIT,
    /**
     * Disconnected for not keeping up: published data waited for it longer than {@code [tack] write_timeout}
     * (docs/reliability.md "Slow consumers").
     */
    TOO_SLOW,
    /** Anything else. */
    OTHER;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sorts an exception a connection's pipeline reported into a reason. */
    public static ConnectionFailure of(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLongFrameException) {
                return TOO_LARGE;
            }
            if (t instanceof TimeoutException || t instanceof SslHandshakeTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof SSLException) {
                return TLS;
            }
            if (t instanceof CorruptedFrameException) {
                return PROTOCOL;
            }
        }
        if (cause instanceof DecoderException) {
            return PROTOCOL;
        }
        if (cause instanceof SocketException || cause instanceof IOException) {
            return RESET;
        }
        return OTHER;
    }
}
