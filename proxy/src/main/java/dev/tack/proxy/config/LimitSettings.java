package dev.tack.proxy.config;

/**
 * Tack's limits and timers, from {@code [tack]} (docs/reliability.md, config/KEYS.md). Times are whole seconds;
 * 0 turns a timer off.
 *
 * @param clientHeadTimeout  {@code client_head_timeout} (30): from a request's first byte to its whole head
 * @param clientBodyTimeout  {@code client_body_timeout} (30): the longest pause while a request body is read
 * @param clientIdleTimeout  {@code client_idle_timeout} (55): a keep-alive connection waiting for its next request
 * @param tcpKeepalive       {@code tcp_keepalive} (60): idle seconds before TCP keep-alive probes on client sockets
 * @param wsPingInterval     {@code ws_ping_interval} (55): a client WebSocket silent this long gets a ping
 * @param wsPongTimeout      {@code ws_pong_timeout} (30): how long it then has to send something back
 * @param publishTimeout     {@code publish_timeout} (30): how long a publish request may take to arrive
 * @param outboxMaxBytes     {@code outbox_max_bytes} (1048576): bytes that may wait for one slow client
 * @param writeTimeout       {@code write_timeout} (30): how long they may wait before the client is disconnected
 * @param drainWindow        {@code drain_window} (10): on SIGTERM, the closes of held connections spread over this
 * @param originPoolMaxIdle  {@code origin_pool_max_idle} (32): idle origin connections per event loop and target
 */
public record LimitSettings(int clientHeadTimeout, int clientBodyTimeout, int clientIdleTimeout, int tcpKeepalive,
                            int wsPingInterval, int wsPongTimeout, int publishTimeout, int outboxMaxBytes,
                            int writeTimeout, int drainWindow, int originPoolMaxIdle) {

    /** The values used when no key is set. */
    public static final LimitSettings DEFAULTS = new LimitSettings(30, 30, 55, 60, 55, 30, 30, 1024 * 1024, 30, 10,
            32);
}
