package dev.tack.proxy.server;

/**
 * The names of the handlers in a client connection's pipeline, in order from the socket inwards. Written down
 * in one place so that every stage that adds, finds or replaces a handler agrees on them.
 *
 * <pre>
 * HTTP client connection:   http-codec → expect-continue → client
 * after a WebSocket upgrade: ws-decoder → ws-encoder → ws-session
 * publish connection:        http-codec → publish
 * metrics/status connection: http-codec → admin-aggregator → admin-idle → admin
 * </pre>
 */
public final class PipelineNames {

    /** {@code HttpServerCodec}: HTTP/1.1 framing; pre-encoded chunks are written at its context to skip it. */
    public static final String HTTP_CODEC = "http-codec";
    /** Answers {@code Expect: 100-continue} so clients send request bodies that stream to the origin. */
    public static final String EXPECT_CONTINUE = "expect-continue";
    /** {@link ClientHttpHandler}: routes each request and runs its exchange. */
    public static final String CLIENT = "client";
    /** WebSocket frame decoder, after an upgrade. */
    public static final String WS_DECODER = "ws-decoder";
    /** WebSocket frame encoder; pre-encoded frames are written at its context to skip it. */
    public static final String WS_ENCODER = "ws-encoder";
    /** The WebSocket session handler. */
    public static final String WS_SESSION = "ws-session";
    /** The publish API handler on the publish port. */
    public static final String PUBLISH = "publish";
    /** Joins a metrics-port request into one message (the port takes small GET requests only). */
    public static final String ADMIN_AGGREGATOR = "admin-aggregator";
    /** Closes a metrics-port connection idle between requests; removed when it becomes a status stream. */
    public static final String ADMIN_IDLE = "admin-idle";
    /** The metrics and status page handler on the metrics port. */
    public static final String ADMIN = "admin";

    private PipelineNames() {
    }
}
