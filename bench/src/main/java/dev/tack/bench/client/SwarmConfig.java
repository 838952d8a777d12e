package dev.tack.bench.client;

import java.time.Duration;

/**
 * How to build the subscriber swarm.
 *
 * @param host             the proxy's client-facing address, e.g. {@code 127.0.0.1}
 * @param port             the proxy's client-facing port, e.g. 7999
 * @param mix              the transports and their shares
 * @param subscribers      how many connections to open
 * @param channels         how many channels; subscriber {@code i} follows channel {@code i % channels}
 * @param channelPrefix    channel {@code k} is named {@code channelPrefix + k}
 * @param connectRate      new connections started per second
 * @param maxPending       connections allowed between connect and their first response at once
 * @param sourceIps        how many source addresses 127.0.0.1..127.0.0.N to spread over; 1 = no binding
 * @param threads          event loops for the subscribers
 * @param io               the Netty transport
 * @param handshakeTimeout how long a connection may wait for its first response before counting as failed
 */
public record SwarmConfig(String host, int port, TransportMix mix, int subscribers, int channels,
        String channelPrefix, double connectRate, int maxPending, int sourceIps, int threads, IoKind io,
        Duration handshakeTimeout) {

    /** Connections per source address above which another 127.0.0.x address is used by default. */
    public static final int CONNECTIONS_PER_SOURCE_IP = 25_000;

    public SwarmConfig {
        require(port >= 1 && port <= 65535, "port: " + port + " (expected: 1-65535)");
        require(subscribers >= 0, "subscribers: " + subscribers + " (expected: >= 0)");
        require(channels >= 1, "channels: " + channels + " (expected: >= 1)");
        require(channelPrefix.matches("[A-Za-z0-9._-]*"),
                "channel prefix: '" + channelPrefix + "' (expected: letters, digits, '.', '_' or '-')");
        require(connectRate > 0, "connect rate: " + connectRate + " (expected: > 0 per second)");
        require(maxPending >= 1, "max pending: " + maxPending + " (expected: >= 1)");
        require(sourceIps >= 1 && sourceIps <= 254, "source IPs: " + sourceIps + " (expected: 1-254)");
        require(threads >= 1 && threads <= 64, "threads: " + threads + " (expected: 1-64)");
        require(!handshakeTimeout.isNegative() && !handshakeTimeout.isZero(),
                "handshake timeout: " + handshakeTimeout + " (expected: > 0)");
    }

    /** The default number of source addresses for {@code subscribers} connections. */
    public static int defaultSourceIps(int subscribers) {
        return Math.max(1, (subscribers + CONNECTIONS_PER_SOURCE_IP - 1) / CONNECTIONS_PER_SOURCE_IP);
    }

    /** This swarm with {@code n} subscribers on channels of their own: a warm-up before the measured swarm. */
    public SwarmConfig warmup(int n) {
        return new SwarmConfig(host, port, mix, n, channels, channelPrefix + "warmup-", connectRate, maxPending,
                sourceIps, threads, io, handshakeTimeout);
    }

    /** The name of channel {@code k}. */
    public String channelName(int k) {
        return channelPrefix + k;
    }

    /** Subscriber {@code i}: channel {@code i % channels}, transport from the mix rotation. */
    SubscriberSpec spec(int i) {
        int channel = i % channels;
        // Rotating by (round + channel) gives every channel a share of each transport, whether there is one
        // channel with many subscribers or many channels with a few.
        Transport t = mix.transportFor(i / channels + channel);
        return new SubscriberSpec(i, t, channel, channelName(channel));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
