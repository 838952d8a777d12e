package dev.tack.proxy.config;

import java.util.Map;
import java.util.Set;

/**
 * Which keys Tack reads, and which Pushpin keys it knows but has no use for. The second kind exist because
 * Pushpin is several processes wired with ZeroMQ (its {@code *_spec(s)} keys in {@code [proxy]} and
 * {@code [handler]}, and {@code internal.conf}), writes stats over ZeroMQ, and starts helper binaries; Tack
 * is one process and does none of that. Such keys are accepted quietly so that a stock
 * {@code pushpin.conf} loads without noise; anything else is logged once as unknown.
 */
final class KnownKeys {
    static final Map<String, Set<String>> USED = Map.of(
            "global", Set.of("include", "libdir", "rundir", "ipc_prefix", "port_offset"),
            "runner", Set.of("http_port", "https_ports", "log_level", "client_buffer_size", "client_maxconn",
                    "allow_compression", "rundir"),
            "proxy", Set.of("routesfile", "debug", "auto_cross_origin", "accept_x_forwarded_protocol",
                    "set_x_forwarded_protocol", "x_forwarded_for", "x_forwarded_for_trusted", "accept_pushpin_route",
                    "cdn_loop", "log_from", "log_user_agent", "sig_iss", "sig_key", "upstream_key",
                    "prometheus_port", "prometheus_prefix"),
            "handler", Set.of("push_in_spec", "push_in_sub_specs", "push_in_sub_spec", "push_in_sub_connect",
                    "push_in_http_addr", "push_in_http_port", "push_in_http_max_headers_size",
                    "push_in_http_max_body_size", "command_spec", "message_rate", "message_hwm", "message_wait",
                    "id_cache_ttl", "update_on_first_subscription", "connection_subscription_max",
                    "subscription_linger", "prometheus_port", "prometheus_prefix"),
            "tack", Set.of("fastly_service_id", "fastly_api_key", "publish_bearer_token", "publish_jwt_key",
                    "publish_jwt_iss", "publish_basic_auth", "outbox_max_messages", "ws_max_message_size",
                    "max_request_body_buffer", "log_format", "admin_bearer_token", "engine", "node_name",
                    "engine_down_policy", "engine_prefix", "engine_redis_sharded", "reuse_port", "history_channels",
                    "history_max_items", "history_max_age", "history_max_bytes", "history_total_bytes",
                    "history_max_channels", "history_replay_max", "history_sse_ids", "history_reset_event",
                    "history_long_poll", "client_head_timeout", "client_body_timeout", "client_idle_timeout",
                    "tcp_keepalive", "ws_ping_interval", "ws_pong_timeout", "publish_timeout", "outbox_max_bytes",
                    "write_timeout", "drain_window", "origin_pool_max_idle"));

    static final Map<String, Set<String>> ACCEPTED_UNUSED = Map.of(
            "global", Set.of("stats_connection_ttl", "stats_connection_send"),
            "runner", Set.of("services", "local_ports", "logdir", "condure_bin", "connmgr_bin",
                    "mongrel2_bin", "m2sh_bin", "zurl_bin", "m2adapter_bin", "proxy_bin", "handler_bin"),
            "proxy", Set.of("orig_headers_need_mark", "sockjs_url", "updates_check", "organization_name", "workers",
                    "max_open_requests", "stats_connections_max_ttl", "stats_report_interval", "ipc_file_mode"),
            "handler", Set.of("ipc_file_mode", "message_block_size", "stats_subscription_ttl",
                    "stats_report_interval", "stats_format", "share_all"));

    /** Keys whose non-empty value asks for something Tack does not do yet: worth a warning, not silence. */
    static final Map<String, Set<String>> UNSUPPORTED_WHEN_SET = Map.of(
            "runner", Set.of("local_ports"));

    private KnownKeys() {
    }

    static boolean used(String section, String key) {
        return USED.getOrDefault(section, Set.of()).contains(key);
    }

    /** Whether {@code [section] key} is a Pushpin key Tack accepts and ignores. */
    static boolean acceptedUnused(String section, String key) {
        if (ACCEPTED_UNUSED.getOrDefault(section, Set.of()).contains(key)) {
            return true;
        }
        // Pushpin's internal ZeroMQ wiring between its own processes (internal.conf and friends).
        return (section.equals("proxy") || section.equals("handler"))
                && (key.endsWith("_spec") || key.endsWith("_specs"));
    }

    static boolean unsupportedWhenSet(String section, String key) {
        return UNSUPPORTED_WHEN_SET.getOrDefault(section, Set.of()).contains(key);
    }
}
