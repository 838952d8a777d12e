package dev.tack.proxy.origin;

/**
 * The names of the handlers in an origin connection's pipeline, in order from the socket inwards (the client
 * side's are in {@code server.PipelineNames}, which lists these too).
 *
 * <pre>
 * origin connection: tls (TLS targets) → http-codec → call
 * </pre>
 */
public final class OriginPipeline {

    /** {@code SslHandler} of a TLS target. */
    public static final String TLS = "tls";
    /** {@code HttpClientCodec}. */
    public static final String HTTP_CODEC = "http-codec";
    /** {@link ConnectionHandler}: hands what the origin sends to the call using the connection. */
    public static final String CALL = "call";

    private OriginPipeline() {
    }
}
