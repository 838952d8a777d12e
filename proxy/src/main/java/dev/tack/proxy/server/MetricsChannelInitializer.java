package dev.tack.proxy.server;

import dev.tack.proxy.metrics.TackMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The metrics listener: any path answers with the Prometheus text exposition, as Pushpin's does. */
final class MetricsChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final TackMetrics metrics;

    MetricsChannelInitializer(TackMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                HttpResponseStatus.OK, Unpooled.copiedBuffer(metrics.scrape(), StandardCharsets.UTF_8));
                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4");
                        HttpUtil.setContentLength(response, response.content().readableBytes());
                        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
                        ctx.writeAndFlush(response);
                    }
                });
    }
}
