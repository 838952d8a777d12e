package dev.tack.proxy.engine;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce on Tack's own event loops: Lettuce is built on Netty, so instead of starting its own I/O and
 * computation threads it is handed Tack's worker group, and every Redis connection lives on one of Tack's loops.
 * Lettuce picks its channel class by what it finds on the class path (epoll before io_uring), which need not be
 * the transport Tack's loops run, so the bootstrap is given Tack's socket channel class (and a DNS resolver on the
 * matching datagram class) just before it connects. Closing Lettuce never shuts the shared loops down.
 */
final class LettuceResources {

    private LettuceResources() {
    }

    static ClientResources create(EventLoopGroup loops, Class<? extends Channel> socketChannel) {
        int threads = 0;
        for (Object ignored : loops) {
            threads++;
        }
        int size = threads;
        EventLoopGroupProvider shared = new EventLoopGroupProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends EventLoopGroup> T allocate(Class<T> type) {
                return (T) loops;
            }

            @Override
            public int threadPoolSize() {
                return size;
            }

            @Override
            public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
                return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
            }

            @Override
            public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
                return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
            }
        };
        NettyCustomizer onTackLoops = new NettyCustomizer() {
            @Override
            public void afterBootstrapInitialized(Bootstrap bootstrap) {
                bootstrap.group(loops).channel(socketChannel);
            }
        };
        return DefaultClientResources.builder()
                .eventLoopGroupProvider(shared)
                .eventExecutorGroup(loops)
                .nettyCustomizer(onTackLoops)
                .addressResolverGroup(new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                        .datagramChannelType(datagramChannel(socketChannel))))
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
    }

    private static Class<? extends DatagramChannel> datagramChannel(Class<? extends Channel> socketChannel) {
        if (socketChannel == IoUringSocketChannel.class) {
            return IoUringDatagramChannel.class;
        }
        if (socketChannel == EpollSocketChannel.class) {
            return EpollDatagramChannel.class;
        }
        return NioDatagramChannel.class;
    }
}
