package dev.tack.proxy.publish;

import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.server.PipelineNames;
import dev.tack.proxy.time.TimeSource;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.time.Clock;

/** The pipeline of a publish connection: {@code http-codec → publish}. */
public final class PublishChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final PublishService service;
    private final PublishSettings settings;
    private final PublishAuth auth;
    private final TackMetrics metrics;
    private final TimeSource time;

    public PublishChannelInitializer(PublishService service, PublishSettings settings, TackMetrics metrics, Clock clock) {
        this(service, settings, metrics, clock, null);
    }

    /** @param time the source of each connection's request timer ({@code publish_timeout}); null: no timer */
    public PublishChannelInitializer(PublishService service, PublishSettings settings, TackMetrics metrics, Clock clock,
            TimeSource time) {
        this.service = service;
        this.settings = settings;
        this.metrics = metrics;
        this.auth = new PublishAuth(settings, clock);
        this.time = time;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(4096, settings.maxHeadersSize(), 8192));
        ch.pipeline().addLast(PipelineNames.PUBLISH, new PublishHttpHandler(service, auth, settings, metrics, time));
    }
}
