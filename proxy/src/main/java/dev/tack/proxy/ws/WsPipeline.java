package dev.tack.proxy.ws;

/**
 * The names of the handlers of an upgraded client connection and of a passthrough origin connection, from the
 * socket inwards; {@code server.PipelineNames} lists them with the rest of the client pipeline.
 *
 * <pre>
 * after a WebSocket upgrade: wsencoder → wsdecoder → [ws-deflate-decoder → ws-deflate-encoder] → ws-utf8
 *                            → ws-aggregator → ws-frames
 * passthrough origin:        [tls] → ws-decoder → ws-encoder → ws-aggregator → ws-origin
 * </pre>
 */
public final class WsPipeline {

    /** The frame decoder; Netty's {@code WebSocketServerHandshaker} adds it under this name. */
    public static final String DECODER = "wsdecoder";
    /** The frame encoder, added by the handshaker too; pre-encoded frames are written at its context to skip it. */
    public static final String ENCODER = "wsencoder";
    /** permessage-deflate inflater, bounded by the message size limit (only when compression is on). */
    public static final String DEFLATE_DECODER = "ws-deflate-decoder";
    /** permessage-deflate deflater (only when compression is on). */
    public static final String DEFLATE_ENCODER = "ws-deflate-encoder";
    /** Checks that text messages are UTF-8 (close code 1007 otherwise). */
    public static final String UTF8 = "ws-utf8";
    /** Joins continuation frames into whole messages, bounded by the message size limit. */
    public static final String AGGREGATOR = "ws-aggregator";
    /** {@link WsFrameHandler}: hands whole messages to the session. */
    public static final String FRAMES = "ws-frames";

    /** The frame decoder of a passthrough origin connection; Netty's {@code WebSocketClientHandshaker} names it. */
    public static final String ORIGIN_DECODER = "ws-decoder";
    /** The (masking) frame encoder of a passthrough origin connection. */
    public static final String ORIGIN_ENCODER = "ws-encoder";
    /** Joins an origin's continuation frames. */
    public static final String ORIGIN_AGGREGATOR = "ws-aggregator";
    /** {@link WsPassthroughLink}'s handler: relays the origin's messages to the session. */
    public static final String ORIGIN_FRAMES = "ws-origin";

    private WsPipeline() {
    }
}
