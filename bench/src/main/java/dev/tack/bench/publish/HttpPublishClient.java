package dev.tack.bench.publish;

import dev.tack.bench.http.BodyDecoder;
import dev.tack.bench.http.ResponseHead;
import dev.tack.bench.http.ResponseHeadParser;
import dev.tack.bench.http.WireFormatException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * POSTs publish requests to one host and port over at most {@code maxConnections} HTTP/1.1 connections, one
 * request in flight on each. Connections are kept and reused when the server allows it; Pushpin's publish API answers
 * every request with {@code Connection: close}, so there each request gets a fresh connection. Jobs beyond the
 * connection limit wait in order. Everything runs on one event loop; {@link #submit} must be called there.
 */
final class HttpPublishClient {
    /** One publish request and what to do with its outcome; called back on the client's loop. */
    interface Job {
        /** The request, built when it is actually written (so its body can carry that moment). */
        PublishApi.Request request();

        void completed(int status, String responseText);

        void failed(String reason);
    }

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final PublishConfig config;
    private final Deque<Job> waiting = new ArrayDeque<>();
    private final Deque<Channel> idle = new ArrayDeque<>();
    private int open;

    HttpPublishClient(EventLoop loop, Class<? extends SocketChannel> channelClass, PublishConfig config) {
        this.loop = loop;
        this.config = config;
        this.bootstrap = new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("idle", new IdleWatcher());
                    }
                });
    }

    /** Queues {@code job} and sends it as soon as a connection is free. Call on the client's loop. */
    void submit(Job job) {
        assert loop.inEventLoop();
        waiting.add(job);
        pump();
    }

    private void pump() {
        while (!waiting.isEmpty()) {
            Channel ch = idle.poll();
            if (ch != null) {
                if (ch.isActive()) {
                    send(ch, waiting.poll());
                }
                continue;
            }
            if (open >= config.concurrency()) {
                return;
            }
            open++;
            Job job = waiting.poll();
            bootstrap.connect(config.url().getHost(), config.port()).addListener(f -> {
                if (f.isSuccess()) {
                    send(((ChannelFuture) f).channel(), job);
                } else {
                    open--;
                    job.failed("connect: " + f.cause().getClass().getSimpleName() + ": " + f.cause().getMessage());
                    pump();
                }
            });
        }
    }

    private void send(Channel ch, Job job) {
        PublishApi.Request request = job.request();
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + request.target() + " HTTP/1.1\r\n"
                + "Host: " + config.url().getHost() + ":" + config.port() + "\r\n"
                + "Content-Type: " + request.contentType() + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        ByteBuf out = ch.alloc().buffer(head.length() + body.length);
        ByteBufUtil.writeAscii(out, head);
        out.writeBytes(body);
        ch.pipeline().replace(ch.pipeline().last(), "response", new ResponseReader(job));
        ch.writeAndFlush(out);
    }

    private void finished(Channel ch, boolean reusable) {
        if (reusable && ch.isActive()) {
            ch.pipeline().replace(ch.pipeline().last(), "idle", new IdleWatcher());
            idle.add(ch);
        } else {
            ch.pipeline().replace(ch.pipeline().last(), "closing", new ChannelInboundHandlerAdapter());
            ch.close();
            open--;
        }
        pump();
    }

    /** Reads the one response to {@code job}. */
    private final class ResponseReader extends ChannelInboundHandlerAdapter {
        private final Job job;
        private final ResponseHeadParser headParser = new ResponseHeadParser();
        private final StringBuilder text = new StringBuilder();
        private ResponseHead head;
        private BodyDecoder body;

        ResponseReader(Job job) {
            this.job = job;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (head == null) {
                    head = headParser.parse(in);
                    if (head == null) {
                        return;
                    }
                    body = BodyDecoder.forHead(head);
                }
                if (body.decode(in, (buf, index, length) -> keep(buf, index, length))) {
                    job.completed(head.status(), text.toString().trim());
                    finished(ctx.channel(), head.keepAlive());
                }
            } catch (WireFormatException e) {
                job.failed("bad response: " + e.getMessage());
                finished(ctx.channel(), false);
            } finally {
                in.release();
            }
        }

        private void keep(ByteBuf buf, int index, int length) {
            int room = 200 - text.length();
            if (room > 0) {
                text.append(buf.toString(index, Math.min(room, length), StandardCharsets.UTF_8));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (head != null && body != null && !body.done()) {
                try {
                    body.endOfInput();
                    job.completed(head.status(), text.toString().trim());
                } catch (WireFormatException e) {
                    job.failed("connection closed inside the response: " + e.getMessage());
                }
            } else {
                job.failed("connection closed before a response");
            }
            open--;
            pump();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Notices an idle pooled connection being closed by the server. */
    private final class IdleWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            idle.remove(ctx.channel());
            open--;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
