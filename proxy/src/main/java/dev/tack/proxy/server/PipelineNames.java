package dev.tack.proxy.server;

import dev.tack.proxy.origin.OriginPipeline;
import dev.tack.proxy.session.CrossOriginHandler;
import dev.tack.proxy.ws.WsPipeline;

/**
 * The names of the handlers in Tack's pipelines, in order from the socket inwards, written down in one place so
 * that every stage that adds, finds or replaces a handler agrees on them. The WebSocket and origin slots are
 * defined next to the code that installs them ({@link WsPipeline}, {@link OriginPipeline}) and listed here.
 *
 * <pre>
 * HTTP client connection:    [tls] → client-timeouts → http-codec → expect-continue → cross-origin → client
 * refused (client_maxconn):  over-limit
 * after a WebSocket upgrade: wsencoder → wsdecoder → [ws-deflate-decoder → ws-deflate-encoder] → ws-utf8
 *                            → ws-aggregator → ws-frames
 * publish connection:        http-codec → publish
 * origin connection:         [tls] → http-codec → call
 * passthrough origin:        [tls] → ws-decoder → ws-encoder → ws-aggregator → ws-origin
 * metrics/status connection: http-codec → admin-aggregator → admin-idle → admin
 * </pre>
 */
public final class PipelineNames {

    /**
     * A TLS listener's handshake: picks the certificate by the client's SNI name ({@link TlsSniHandler}), then
     * becomes the connection's {@code SslHandler} under the same name.
     */
    public static final String TLS = "tls";
    /** {@link ClientTimeouts}: the idle, request-head and request-body timers, after TLS, in front of the codec. */
    public static final String CLIENT_TIMEOUTS = "client-timeouts";
    /** {@link OverLimitHandler}: the whole pipeline of a connection refused over {@code client_maxconn}. */
    public static final String OVER_LIMIT = "over-limit";
    /** {@code HttpServerCodec}: HTTP/1.1 framing; pre-encoded chunks are written at its context to skip it. */
    public static final String HTTP_CODEC = "http-codec";
    /** Answers {@code Expect: 100-continue} so clients send request bodies that stream to the origin. */
    public static final String EXPECT_CONTINUE = "expect-continue";
    /** CORS headers and JSON-P on the responses of {@code aco} routes ({@link CrossOriginHandler}). */
    public static final String CROSS_ORIGIN = CrossOriginHandler.NAME;
    /** {@link ClientHttpHandler}: routes each request and runs its session. */
    public static final String CLIENT = "client";
    /** WebSocket frame decoder, after an upgrade. */
    public static final String WS_DECODER = WsPipeline.DECODER;
    /** WebSocket frame encoder; pre-encoded frames are written at its context to skip it. */
    public static final String WS_ENCODER = WsPipeline.ENCODER;
    /** permessage-deflate inflater (bounded) and deflater, when {@code allow_compression} is on. */
    public static final String WS_DEFLATE_DECODER = WsPipeline.DEFLATE_DECODER;
    public static final String WS_DEFLATE_ENCODER = WsPipeline.DEFLATE_ENCODER;
    /** UTF-8 check of text messages. */
    public static final String WS_UTF8 = WsPipeline.UTF8;
    /** Joins continuation frames, bounded by the message size limit. */
    public static final String WS_AGGREGATOR = WsPipeline.AGGREGATOR;
    /** The WebSocket session's frame handler. */
    public static final String WS_FRAMES = WsPipeline.FRAMES;
    /** The publish API handler on the publish port. */
    public static final String PUBLISH = "publish";
    /** Joins a metrics-port request into one message (the port takes small GET requests only). */
    public static final String ADMIN_AGGREGATOR = "admin-aggregator";
    /** Closes a metrics-port connection idle between requests; removed when it becomes a status stream. */
    public static final String ADMIN_IDLE = "admin-idle";
    /** The metrics and status page handler on the metrics port. */
    public static final String ADMIN = "admin";
    /** An origin connection's TLS, HTTP codec and call handler. */
    public static final String ORIGIN_TLS = OriginPipeline.TLS;
    public static final String ORIGIN_HTTP_CODEC = OriginPipeline.HTTP_CODEC;
    public static final String ORIGIN_CALL = OriginPipeline.CALL;
    /** A passthrough origin connection's WebSocket slots after the handshake. */
    public static final String ORIGIN_WS_DECODER = WsPipeline.ORIGIN_DECODER;
    public static final String ORIGIN_WS_ENCODER = WsPipeline.ORIGIN_ENCODER;
    public static final String ORIGIN_WS_AGGREGATOR = WsPipeline.ORIGIN_AGGREGATOR;
    public static final String ORIGIN_WS_FRAMES = WsPipeline.ORIGIN_FRAMES;

    private PipelineNames() {
    }
}
