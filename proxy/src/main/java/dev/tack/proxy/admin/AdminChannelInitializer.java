package dev.tack.proxy.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.server.PipelineNames;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.function.LongSupplier;

/**
 * The metrics port's pipeline: {@code http-codec → admin-aggregator → admin-idle → admin}. Requests are small
 * GETs (a head of at most 8 KiB, a body of at most 8 KiB); a connection that sends no request for
 * {@value #IDLE_SECONDS} s is closed, unless it is a status feed, which the feed's own rules bound.
 */
public final class AdminChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final int IDLE_SECONDS = 60;
    private static final int MAX_HEAD = 8192;

    private final AdminState state;

    /**
     * @param loops    the event loops whose backlog the status page shows; one of them runs the feed's ticks
     * @param nanoTime the time source of uptime and rates
     * @param version  Tack's version, shown on the page
     */
    public AdminChannelInitializer(TackMetrics metrics, SubscriptionRegistry registry, EventLoopGroup loops,
            AdminSettings settings, LongSupplier nanoTime, String version) {
        ObjectMapper json = new ObjectMapper();
        StatusSampler sampler = new StatusSampler(metrics, registry, loops, nanoTime, version, settings);
        this.state = new AdminState(metrics, registry, settings, new StaticFiles(), sampler,
                new StatusFeed(sampler, loops.next(), json), json);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(MAX_HEAD, MAX_HEAD, 8192));
        ch.pipeline().addLast(PipelineNames.ADMIN_AGGREGATOR, new HttpObjectAggregator(8192));
        ch.pipeline().addLast(PipelineNames.ADMIN_IDLE, new IdleStateHandler(IDLE_SECONDS, 0, 0));
        ch.pipeline().addLast(PipelineNames.ADMIN, new AdminHandler(state));
    }
}
