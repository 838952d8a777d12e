package dev.tack.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A stand-in for a Pushpin-compatible proxy in tests: it holds subscribers itself (no origin, no GRIP) and
 * fans publishes out to them. {@code /ws/<c>}, {@code /sse/<c>}, {@code /stream/<c>} and {@code /poll/<c>}
 * subscribe to channel {@code c}; {@code POST /publish/} takes the items JSON and answers with
 * {@code Connection: close}, as Pushpin does; {@code POST /pub/<c>} takes a raw body as Nchan does (framed
 * here as an SSE event, a WebSocket text message or a long-poll body) and keeps the connection. Every
 * {@code Last-Event-ID} a subscriber sends is kept. No history: a reconnecting subscriber gets only what is
 * published after it is back.
 */
final class FakeProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, Set<Channel>> streams = new ConcurrentHashMap<>();
    private final Map<String, Set<Channel>> sockets = new ConcurrentHashMap<>();
    private final Map<String, Queue<Channel>> polls = new ConcurrentHashMap<>();
    private final Queue<String> lastEventIds = new ConcurrentLinkedQueue<>();
    private final Channel clients;
    private final Channel publish;

    FakeProxy() {
        clients = listen(new ClientHandler());
        publish = listen(new PublishHandler());
    }

    int clientPort() {
        return ((InetSocketAddress) clients.localAddress()).getPort();
    }

    int publishPort() {
        return ((InetSocketAddress) publish.localAddress()).getPort();
    }

    /** Every {@code Last-Event-ID} header received so far, in order. */
    Queue<String> lastEventIds() {
        return lastEventIds;
    }

    private Channel listen(SimpleChannelInboundHandler<FullHttpRequest> handler) {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), handler);
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    private static <T> Set<T> newSet() {
        return ConcurrentHashMap.newKeySet();
    }

    @io.netty.channel.ChannelHandler.Sharable
    private final class ClientHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String[] parts = req.uri().split("/", 3);
            String kind = parts[1];
            String channel = parts[2];
            Channel ch = ctx.channel();
            String lastEventId = req.headers().get("Last-Event-ID");
            if (lastEventId != null) {
                lastEventIds.add(lastEventId);
            }
            switch (kind) {
                case "ws" -> {
                    WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory("ws://x" + req.uri(), null,
                            false).newHandshaker(req);
                    hs.handshake(ch, req).addListener(f -> {
                        sockets.computeIfAbsent(channel, k -> newSet()).add(ch);
                        ch.closeFuture().addListener(c -> sockets.get(channel).remove(ch));
                    });
                }
                case "sse", "stream" -> {
                    HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    HttpUtil.setTransferEncodingChunked(res, true);
                    ctx.writeAndFlush(res);
                    streams.computeIfAbsent(channel, k -> newSet()).add(ch);
                    ch.closeFuture().addListener(c -> streams.get(channel).remove(ch));
                }
                case "poll" -> polls.computeIfAbsent(channel, k -> new ConcurrentLinkedQueue<>()).add(ch);
                default -> ctx.close();
            }
        }
    }

    @io.netty.channel.ChannelHandler.Sharable
    private final class PublishHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            if (req.uri().startsWith("/pub/")) {
                String body = req.content().toString(StandardCharsets.UTF_8);
                deliver(req.uri().substring(5), "data: " + body + "\n\n", body, body);
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.ACCEPTED,
                        Unpooled.copiedBuffer("queued messages: 1\n", StandardCharsets.UTF_8));
                HttpUtil.setContentLength(res, res.content().readableBytes());
                ctx.writeAndFlush(res);
                return;
            }
            JsonNode items = JSON.readTree(req.content().toString(StandardCharsets.UTF_8)).get("items");
            for (JsonNode item : items) {
                JsonNode formats = item.get("formats");
                deliver(item.get("channel").asText(), formats.get("http-stream").get("content").asText(),
                        formats.get("ws-message").get("content").asText(),
                        formats.get("http-response").get("body").asText());
            }
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("Published\n", StandardCharsets.UTF_8));
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
            HttpUtil.setContentLength(res, res.content().readableBytes());
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }

        private void deliver(String channel, String stream, String ws, String body) {
            for (Channel ch : streams.getOrDefault(channel, Set.of())) {
                ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(stream, StandardCharsets.UTF_8)));
            }
            for (Channel ch : sockets.getOrDefault(channel, Set.of())) {
                ch.writeAndFlush(new TextWebSocketFrame(ws));
            }
            Queue<Channel> waiting = polls.getOrDefault(channel, new ConcurrentLinkedQueue<>());
            for (Channel ch = waiting.poll(); ch != null; ch = waiting.poll()) {
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                HttpUtil.setContentLength(res, res.content().readableBytes());
                ch.writeAndFlush(res);
            }
        }
    }

    @Override
    public void close() {
        clients.close().syncUninterruptibly();
        publish.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
