package dev.tack.proxy.server;

import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline of a connection refused over {@code client_maxconn}: it answers at once, before reading
 * anything,
 * <pre>
 * HTTP/1.1 503 Service Unavailable
 * Content-Type: text/plain
 * Content-Length: 73
 * Connection: close
 * Retry-After: 1
 *
 * Service Unavailable: too many connections (client_maxconn 50000). Retry.
 * </pre>
 * then shuts its side down and reads (and drops) what the client still sends for up to {@value #LINGER_SECONDS}
 * s, so the answer is not lost to a reset, and closes. Shared by every refused connection.
 */
@ChannelHandler.Sharable
final class OverLimitHandler extends ChannelInboundHandlerAdapter {

    static final int LINGER_SECONDS = 2;

    private final byte[] answer;
    private final TimeSource time;

    OverLimitHandler(int maxConnections, TimeSource time) {
        this.time = time;
        String body = "Service Unavailable: too many connections (client_maxconn " + maxConnections + "). Retry.\n";
        this.answer = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\nRetry-After: 1\r\n\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                time.schedule(ctx.executor(), () -> ctx.channel().close(), LINGER_SECONDS, TimeUnit.SECONDS);
            } else {
                ctx.channel().close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // The client finished sending (input shut down): nothing more to wait for.
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            ctx.channel().close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.channel().close();
    }
}
