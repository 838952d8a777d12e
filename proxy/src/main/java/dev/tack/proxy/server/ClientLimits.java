package dev.tack.proxy.server;

import java.util.concurrent.TimeUnit;

/**
 * How many client connections Tack holds and how long each phase of one may take (docs/reliability.md "Limits"
 * and "Timeouts"). Times are in milliseconds; 0 turns a timer off.
 *
 * @param maxConnections {@code [runner] client_maxconn}: connections open at once; the next ones get 503
 * @param headTimeoutMillis {@code [tack] client_head_timeout}: from a request's first byte to its whole head
 * @param bodyTimeoutMillis {@code [tack] client_body_timeout}: the longest pause while a request body is read
 * @param idleTimeoutMillis {@code [tack] client_idle_timeout}: a keep-alive connection waiting for its next request
 * @param tcpKeepAliveSeconds {@code [tack] tcp_keepalive}: idle seconds before TCP keep-alive probes start on a
 *     client connection (then every 10 s, 6 probes); 0 turns keep-alive off
 * @param wsPingIntervalMillis {@code [tack] ws_ping_interval}: a client WebSocket silent this long gets a ping
 * @param wsPongTimeoutMillis {@code [tack] ws_pong_timeout}: how long it then has to send anything back
 * @param outboxMaxBytes {@code [tack] outbox_max_bytes}: payload bytes that may wait for one slow client
 * @param writeTimeoutMillis {@code [tack] write_timeout}: how long what waits for a slow client may wait before
 *     it is disconnected
 * @param drainMillis {@code [tack] drain_window}: how long, on SIGTERM, the closes of held connections are spread
 *     over
 */
public record ClientLimits(int maxConnections, long headTimeoutMillis, long bodyTimeoutMillis, long idleTimeoutMillis,
        int tcpKeepAliveSeconds, long wsPingIntervalMillis, long wsPongTimeoutMillis, long outboxMaxBytes,
        long writeTimeoutMillis, long drainMillis) {

    /** Pushpin's 50,000 connections; the timers of docs/reliability.md "Timeouts". */
    public static final ClientLimits DEFAULTS = new ClientLimits(50_000, seconds(30), seconds(30), seconds(55), 60,
            seconds(55), seconds(30), 1024 * 1024, seconds(30), seconds(10));

    public ClientLimits {
        if (maxConnections < 1 || headTimeoutMillis < 0 || bodyTimeoutMillis < 0 || idleTimeoutMillis < 0
                || tcpKeepAliveSeconds < 0 || wsPingIntervalMillis < 0 || wsPongTimeoutMillis < 0
                || outboxMaxBytes < 1 || writeTimeoutMillis < 0 || drainMillis < 0) {
            throw new IllegalArgumentException("client limits: a connection limit of at least 1, an outbox of at least "
                    + "1 byte, and timers of 0 or more expected");
        }
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toMillis(seconds);
    }

    public ClientLimits withMaxConnections(int value) {
        return new ClientLimits(value, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, tcpKeepAliveSeconds,
                wsPingIntervalMillis, wsPongTimeoutMillis, outboxMaxBytes, writeTimeoutMillis, drainMillis);
    }

    public ClientLimits withTimeouts(long head, long body, long idle) {
        return new ClientLimits(maxConnections, head, body, idle, tcpKeepAliveSeconds, wsPingIntervalMillis,
                wsPongTimeoutMillis, outboxMaxBytes, writeTimeoutMillis, drainMillis);
    }

    public ClientLimits withWebSocketPings(long interval, long pongTimeout) {
        return new ClientLimits(maxConnections, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis,
                tcpKeepAliveSeconds, interval, pongTimeout, outboxMaxBytes, writeTimeoutMillis, drainMillis);
    }

    public ClientLimits withOutbox(long maxBytes, long writeTimeout) {
        return new ClientLimits(maxConnections, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis,
                tcpKeepAliveSeconds, wsPingIntervalMillis, wsPongTimeoutMillis, maxBytes, writeTimeout, drainMillis);
    }

    public ClientLimits withDrain(long millis) {
        return new ClientLimits(maxConnections, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis,
                tcpKeepAliveSeconds, wsPingIntervalMillis, wsPongTimeoutMillis, outboxMaxBytes, writeTimeoutMillis,
                millis);
    }

    public ClientLimits withTcpKeepAlive(int seconds) {
        return new ClientLimits(maxConnections, headTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, seconds,
                wsPingIntervalMillis, wsPongTimeoutMillis, outboxMaxBytes, writeTimeoutMillis, drainMillis);
    }
}
