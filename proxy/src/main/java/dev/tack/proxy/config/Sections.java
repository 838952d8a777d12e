package dev.tack.proxy.config;

import dev.tack.proxy.log.LogFormat;
import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.history.HistorySettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the per-section settings records from checked config values. Defaults are Pushpin's code
 * defaults (docs/compatibility.md "Configuration"), except where the comment on a line says otherwise.
 */
final class Sections {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final int MAX = Integer.MAX_VALUE;

    private Sections() {
    }

    static RunnerSettings runner(ConfigValues v) throws ConfigException {
        return new RunnerSettings(
                v.integer("runner", "client_buffer_size", 8192, 1, MAX),
                v.integer("runner", "client_maxconn", 50000, 1, MAX),
                v.bool("runner", "allow_compression", false));
    }

    static ProxySettings proxy(ConfigValues v) throws ConfigException {
        final String sigIss = v.string("proxy", "sig_iss", "");
        return new ProxySettings(
                sigIss.isEmpty() ? "pushpin" : sigIss,
                v.string("proxy", "sig_key", ""),
                v.string("proxy", "upstream_key", ""),
                v.bool("proxy", "debug", false),
                v.bool("proxy", "accept_pushpin_route", false),
                v.bool("proxy", "accept_x_forwarded_protocol", false),
                xForwardedProtocol(v),
                xForwardedFor(v, "x_forwarded_for"),
                xForwardedFor(v, "x_forwarded_for_trusted"),
                v.bool("proxy", "auto_cross_origin", false),
                v.string("proxy", "cdn_loop", ""),
                v.bool("proxy", "log_from", false),
                v.bool("proxy", "log_user_agent", false));
    }

    static HandlerSettings handler(ConfigValues v) throws ConfigException {
        final List<String> subSpecs = new ArrayList<>();
        if (!v.has("handler", "push_in_sub_specs") && !v.has("handler", "push_in_sub_spec")) {
            subSpecs.add(v.string("handler", "push_in_sub_specs", "tcp://127.0.0.1:5562")); // Pushpin's default
        } else {
            subSpecs.addAll(v.list("handler", "push_in_sub_specs", ""));
            subSpecs.addAll(v.list("handler", "push_in_sub_spec", "")); // Pushpin's older single-value key
        }
        for (final String spec : subSpecs) {
            zmqSpec("push_in_sub_specs", spec);
        }
        final String promSection = v.has("handler", "prometheus_port") ? "handler" : "proxy";
        final String promPrefixSection = v.has("handler", "prometheus_prefix") ? "handler" : "proxy";
        return new HandlerSettings(
                v.integer("handler", "push_in_http_max_body_size", 1_000_000, 1, MAX),
                v.integer("handler", "push_in_http_max_headers_size", 10_000, 1, MAX),
                zmqSpec("push_in_spec", v.string("handler", "push_in_spec", "tcp://127.0.0.1:5560")),
                subSpecs,
                v.bool("handler", "push_in_sub_connect", false),
                zmqSpec("command_spec", v.string("handler", "command_spec", "tcp://127.0.0.1:5563")),
                v.integer("handler", "message_wait", 5000, 0, MAX),
                v.integer("handler", "id_cache_ttl", 0, 0, MAX),
                v.integer("handler", "connection_subscription_max", 20, 1, MAX),
                v.integer("handler", "subscription_linger", 60, 0, MAX),
                v.bool("handler", "update_on_first_subscription", true),
                Math.max(0, v.integer("handler", "message_rate", 0, -1, MAX)), // Pushpin writes -1 for unlimited
                Math.max(0, v.integer("handler", "message_hwm", 0, -1, MAX)),
                prometheus(promSection, v.string(promSection, "prometheus_port", "")),
                v.string(promPrefixSection, "prometheus_prefix", ""));
    }

    static TackSettings tack(ConfigValues v) throws ConfigException {
        final String serviceId = v.string("tack", "fastly_service_id", "");
        if (!serviceId.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
            throw ConfigException.badValue("tack", "fastly_service_id", serviceId,
                    "a Fastly service id: letters, digits, _ and -");
        }
        final String basic = v.string("tack", "publish_basic_auth", "");
        if (!basic.isEmpty() && basic.indexOf(':') <= 0) {
            throw ConfigException.badValue("tack", "publish_basic_auth", basic, "user:password");
        }
        final String jwtKey = v.string("tack", "publish_jwt_key", "");
        final String jwtIss = v.string("tack", "publish_jwt_iss", "");
        if (!jwtIss.isEmpty() && jwtKey.isEmpty()) {
            throw ConfigException.badValue("tack", "publish_jwt_iss", jwtIss, "publish_jwt_key to be set as well");
        }
        return new TackSettings(serviceId,
                v.string("tack", "fastly_api_key", ""),
                v.string("tack", "publish_bearer_token", ""),
                jwtKey,
                jwtIss,
                basic,
                v.integer("tack", "outbox_max_messages", 100, 1, MAX),
                v.integer("tack", "ws_max_message_size", 1_000_000, 1, MAX),
                v.integer("tack", "max_request_body_buffer", 100_000, 0, MAX),
                engine(v),
                v.bool("tack", "reuse_port", false),
                history(v),
                limits(v));
    }

    /** The limit and timer keys of {@code [tack]}; every one is a whole number, 0 turning a timer off. */
    private static LimitSettings limits(ConfigValues v) throws ConfigException {
        final LimitSettings d = LimitSettings.DEFAULTS;
        final int day = 86_400;
        return new LimitSettings(
                v.integer("tack", "client_head_timeout", d.clientHeadTimeout(), 0, day),
                v.integer("tack", "client_body_timeout", d.clientBodyTimeout(), 0, day),
                v.integer("tack", "client_idle_timeout", d.clientIdleTimeout(), 0, day),
                v.integer("tack", "tcp_keepalive", d.tcpKeepalive(), 0, 32_767),
                v.integer("tack", "ws_ping_interval", d.wsPingInterval(), 0, day),
                v.integer("tack", "ws_pong_timeout", d.wsPongTimeout(), 1, day),
                v.integer("tack", "publish_timeout", d.publishTimeout(), 0, day),
                v.integer("tack", "outbox_max_bytes", d.outboxMaxBytes(), 1, MAX),
                v.integer("tack", "write_timeout", d.writeTimeout(), 0, day),
                v.integer("tack", "drain_window", d.drainWindow(), 0, day),
                v.integer("tack", "origin_pool_max_idle", d.originPoolMaxIdle(), 0, MAX));
    }

    /** The {@code history_*} keys of {@code [tack]} (docs/history.md); with no channels, history is off. */
    private static HistorySettings history(ConfigValues v) throws ConfigException {
        final List<String> channels = v.list("tack", "history_channels", "");
        for (final String pattern : channels) {
            final int star = pattern.indexOf('*');
            if (star >= 0 && star != pattern.length() - 1) {
                throw ConfigException.badValue("tack", "history_channels", String.join(",", channels),
                        "a comma list of channel names and prefixes ending in *, e.g. news,room-*");
            }
        }
        final long maxBytes = v.longInteger("tack", "history_max_bytes", HistorySettings.DEFAULT_MAX_BYTES, 1024);
        final long totalBytes = v.longInteger("tack", "history_total_bytes", HistorySettings.DEFAULT_TOTAL_BYTES,
                1024);
        if (maxBytes > totalBytes) {
            throw ConfigException.badValue("tack", "history_max_bytes", String.valueOf(maxBytes),
                    "at most history_total_bytes (" + totalBytes + ")");
        }
        final String resetEvent = v.string("tack", "history_reset_event", "").strip();
        if (!resetEvent.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw ConfigException.badValue("tack", "history_reset_event", resetEvent,
                    "an event name of printable ASCII without spaces, or empty for none");
        }
        return new HistorySettings(channels,
                v.integer("tack", "history_max_items", HistorySettings.DEFAULT_MAX_ITEMS, 1, 1_000_000),
                v.integer("tack", "history_max_age", HistorySettings.DEFAULT_MAX_AGE_SECONDS, 1, MAX),
                maxBytes,
                totalBytes,
                v.integer("tack", "history_max_channels", HistorySettings.DEFAULT_MAX_CHANNELS, 1, MAX),
                v.integer("tack", "history_replay_max", HistorySettings.DEFAULT_REPLAY_MAX, 1, 100_000),
                v.bool("tack", "history_sse_ids", false),
                resetEvent,
                v.bool("tack", "history_long_poll", false));
    }

    /**
     * The engine keys of {@code [tack]} (an empty value means the default); the linger comes from
     * {@code [handler] subscription_linger}.
     */
    private static EngineSettings engine(ConfigValues v) throws ConfigException {
        EngineSettings engine = EngineSettings.local()
                .withLingerMillis(v.integer("handler", "subscription_linger", 60, 0, MAX) * 1000L);
        engine = engineKey(v, "engine", EngineSettings.EXPECTED_ENGINE, engine, EngineSettings::withEngine);
        engine = engineKey(v, "node_name", "a name without spaces", engine, EngineSettings::withNodeName);
        engine = engineKey(v, "engine_down_policy", "reject or local", engine,
                (e, value) -> e.withDownPolicy(EngineSettings.parseDownPolicy(value)));
        engine = engineKey(v, "engine_prefix", "dot-separated letters, digits, _ and -", engine,
                EngineSettings::withPrefix);
        return engine.withRedisSharded(v.bool("tack", "engine_redis_sharded", false));
    }

    private interface EngineChange {
        EngineSettings apply(EngineSettings engine, String value);
    }

    private static EngineSettings engineKey(ConfigValues v, String key, String expected, EngineSettings engine,
            EngineChange change) throws ConfigException {
        final String value = v.string("tack", key, "").strip();
        if (value.isEmpty()) {
            return engine;
        }
        try {
            return change.apply(engine, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[tack] " + key + ": " + value + " (" + e.getMessage() + "; expected: "
                    + expected + ")", e);
        }
    }

    static OperationsSettings operations(ConfigValues v, CliOptions cli) throws ConfigException {
        final String format = cli.logFormat() != null ? cli.logFormat() : v.string("tack", "log_format", "pushpin");
        final LogFormat logFormat;
        try {
            logFormat = LogFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw cli.logFormat() != null ? new ConfigException("--log-format: " + e.getMessage(), e)
                    : new ConfigException("[tack] log_format: " + e.getMessage(), e);
        }
        final String token = v.string("tack", "admin_bearer_token", "");
        if (token.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw ConfigException.badValue("tack", "admin_bearer_token", "(hidden)",
                    "printable ASCII without spaces, as an Authorization: Bearer token");
        }
        return new OperationsSettings(logFormat, token);
    }

    private static String xForwardedProtocol(ConfigValues v) throws ConfigException {
        final String value = v.string("proxy", "set_x_forwarded_protocol", "");
        switch (value) {
            case "": case "false":
                return "";
            case "proto-only": case "true":
                return value;
            default:
                throw ConfigException.badValue("proxy", "set_x_forwarded_protocol", value,
                        "proto-only, true, false or empty");
        }
    }

    /** Checks an {@code x_forwarded_for} rule list: {@code truncate:N} and {@code append} items. */
    private static String xForwardedFor(ConfigValues v, String key) throws ConfigException {
        final List<String> items = v.list("proxy", key, "");
        for (final String item : items) {
            final boolean truncate = item.startsWith("truncate:") && item.length() > 9
                    && item.length() < 19 && item.substring(9).chars().allMatch(c -> c >= '0' && c <= '9');
            if (!truncate && !item.equals("append")) {
                throw ConfigException.badValue("proxy", key, String.join(",", items),
                        "a list of truncate:N and append, e.g. truncate:0,append");
            }
        }
        return String.join(",", items);
    }

    /** Checks a ZeroMQ endpoint: {@code tcp://host:port} or {@code ipc://path}; empty turns the socket off. */
    private static String zmqSpec(String key, String spec) throws ConfigException {
        if (spec.isEmpty() || (spec.startsWith("ipc://") && spec.length() > 6)) {
            return spec;
        }
        if (spec.startsWith("tcp://")) {
            final int colon = spec.lastIndexOf(':');
            final String port = spec.substring(colon + 1);
            if (colon > 6 && !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(port) <= 65535) {
                return spec;
            }
        }
        throw ConfigException.badValue("handler", key, spec, "tcp://host:port, ipc://path, or empty to turn it off");
    }

    private static ListenAddress prometheus(String section, String value) throws ConfigException {
        if (value.isEmpty()) {
            return null;
        }
        if (value.startsWith("ipc://")) {
            LOG.warn("[" + section + "] prometheus_port: " + value
                    + " is a unix socket, which Tack does not serve; no metrics endpoint (use [addr:]port)");
            return null;
        }
        try {
            // Loopback unless an address is given: the port also serves the status page, which names channels.
            return ListenAddress.parse(value, ListenAddress.LOOPBACK);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[" + section + "] prometheus_port: " + e.getMessage(), e);
        }
    }
}
