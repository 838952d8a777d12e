package dev.tack.bench.client;

import dev.tack.bench.message.MicroClock;
import dev.tack.bench.stats.LoopStats;
import io.netty.channel.EventLoop;
import java.time.Duration;

/**
 * What a subscriber connection needs from the swarm that owns it. The outcome callbacks may be called from
 * any event loop.
 */
interface SubscriberHost {
    MicroClock clock();

    /** The recorder owned by {@code loop}; only that loop may write to it. */
    LoopStats statsFor(EventLoop loop);

    /** The {@code Host} header value for requests, e.g. {@code 127.0.0.1:7999}. */
    String hostHeader();

    /** The number of channels, i.e. the distance between two sequence numbers on one channel. */
    int channels();

    Duration handshakeTimeout();

    /** The subscription is established (first response head, or a long-poll request sent). */
    void made(SubscriberSpec spec);

    /** The connection failed before it was made. */
    void failed(SubscriberSpec spec, String reason);

    /** An established subscription ended without the tool asking for it. */
    void lost(SubscriberSpec spec, String reason);

    /**
     * A subscriber asks for a new connection that carries on as the same subscriber: a long-poll subscriber
     * whose server closed the connection after a response, or any subscriber in a reconnect storm.
     */
    void reconnect(SubscriberSpec spec, SubscriberState carry);
}
