package dev.tack.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A WebSocket origin for passthrough tests: accepts every upgrade (optionally with the {@code grip}
 * extension), sends {@code greeting} frames once open and answers each text with {@code reply}.
 */
public final class WsOriginServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;
    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<HttpHeaders> handshakes = new CopyOnWriteArrayList<>();
    public final java.util.concurrent.atomic.AtomicInteger closedConnections = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param grip answer with {@code Sec-WebSocket-Extensions: grip}
     * @param greeting texts sent to each new connection
     * @param reply what to do with each text received: (text, sender)
     */
    public WsOriginServer(boolean grip, List<String> greeting, BiConsumer<String, Channel> reply) throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                        if (msg instanceof FullHttpRequest request) {
                                            handshakes.add(request.headers().copy());
                                            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                                                    "ws://origin" + request.uri(), null, true).newHandshaker(request);
                                            HttpHeaders extra = new DefaultHttpHeaders();
                                            if (grip) {
                                                extra.set("Sec-WebSocket-Extensions", "grip");
                                            }
                                            handshaker.handshake(ctx.channel(), request, extra, ctx.newPromise())
                                                    .addListener(f -> greeting.forEach(
                                                            g -> ctx.channel().writeAndFlush(new TextWebSocketFrame(g))));
                                        } else if (msg instanceof TextWebSocketFrame text) {
                                            received.add(text.text());
                                            reply.accept(text.text(), ctx.channel());
                                        } else if (msg instanceof CloseWebSocketFrame close) {
                                            ctx.writeAndFlush(close.retainedDuplicate()).addListener(f -> ctx.close());
                                        }
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        closedConnections.incrementAndGet();
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
