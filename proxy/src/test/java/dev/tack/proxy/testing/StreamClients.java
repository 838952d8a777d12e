package dev.tack.proxy.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Many HTTP clients on one event loop, each sending one GET and collecting its response: cheap enough to
 * hold a thousand streams open in a test.
 */
public final class StreamClients implements AutoCloseable {

    /** One client: what it has received so far. */
    public static final class Stream {
        private final StringBuilder body = new StringBuilder();
        private volatile int status;
        private volatile boolean ended;
        private volatile boolean closed;
        private volatile HttpResponse head;
        private Channel channel;

        public synchronized String body() {
            return body.toString();
        }

        public int status() {
            return status;
        }

        public HttpResponse head() {
            return head;
        }

        /** The response ended (terminating chunk or full length). */
        public boolean ended() {
            return ended;
        }

        public boolean closed() {
            return closed;
        }

        public void close() {
            channel.close().syncUninterruptibly();
        }

        synchronized void append(String text) {
            body.append(text);
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    /** Opens one connection to {@code port} requesting {@code path} with these extra request headers. */
    public Stream open(int port, String path, Map<String, String> headers) throws InterruptedException {
        return open(port, path, 1, headers).get(0);
    }

    /** Opens {@code count} connections to {@code port}, each requesting {@code path}. */
    public List<Stream> open(int port, String path, int count) throws InterruptedException {
        return open(port, path, count, Map.of());
    }

    private List<Stream> open(int port, String path, int count, Map<String, String> headers)
            throws InterruptedException {
        List<Stream> streams = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Stream stream = new Stream();
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                    if (msg instanceof HttpResponse response) {
                                        stream.head = response;
                                        stream.status = response.status().code();
                                    }
                                    if (msg instanceof HttpContent content) {
                                        stream.append(content.content().toString(StandardCharsets.UTF_8));
                                        if (msg instanceof LastHttpContent) {
                                            stream.ended = true;
                                        }
                                    }
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    stream.closed = true;
                                }
                            });
                        }
                    });
            Channel channel = bootstrap.connect("127.0.0.1", port).sync().channel();
            stream.channel = channel;
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            request.headers().set(HttpHeaderNames.HOST, "localhost");
            headers.forEach((name, value) -> request.headers().set(name, value));
            channel.writeAndFlush(request);
            streams.add(stream);
        }
        return streams;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
