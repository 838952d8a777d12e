package dev.tack.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsyncMapping;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import javax.net.ssl.SSLException;

/**
 * The first handler of a TLS listener's connection ({@link PipelineNames#TLS}): reads the client's hello, picks the
 * certificate by its SNI name from {@link TlsCertificates} and replaces itself with the {@link SslHandler} for it,
 * under the same slot name. A handshake no certificate fits fails and the connection closes, as in Pushpin.
 */
final class TlsSniHandler extends SniHandler {

    /** @param port the listener's port, which names its default certificate ({@code default_<port>}) */
    TlsSniHandler(TlsCertificates certificates, int port) {
        super(new CertificateMapping(certificates, port));
    }

    @Override
    protected void replaceHandler(ChannelHandlerContext ctx, String hostname, SslContext sslContext) throws Exception {
        SslHandler ssl = null;
        try {
            ssl = newSslHandler(sslContext, ctx.alloc());
            ctx.pipeline().replace(this, PipelineNames.TLS, ssl);
            ssl = null;
        } finally {
            if (ssl != null) {
                // Replacing failed (the channel closed meanwhile): free the engine the handler owns.
                ReferenceCountUtil.safeRelease(ssl.engine());
            }
        }
    }

    /** The certificate lookup, done on the event loop (it reads at most two small files, once per change). */
    private record CertificateMapping(TlsCertificates certificates, int configuredPort)
            implements AsyncMapping<String, SslContext> {
        @Override
        public Future<SslContext> map(String hostname, Promise<SslContext> promise) {
            try {
                return promise.setSuccess(certificates.forHandshake(hostname, configuredPort));
            } catch (SSLException e) {
                return promise.setFailure(e);
            }
        }
    }
}
