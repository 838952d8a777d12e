package dev.tack.proxy.engine;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which engine a node runs on and how ({@code [tack] engine}, {@code node_name}, {@code engine_down_policy},
 * {@code engine_prefix}, {@code engine_redis_sharded}, and {@code [handler] subscription_linger}).
 *
 * @param kind local, Redis or NATS
 * @param urls the engine's servers: for Redis, one per shard (channels are spread over them by hash); for NATS,
 *     the servers of one cluster; empty for the local engine
 * @param nodeName this node's name on the bus (log lines, the Redis client name, the sender of a message)
 * @param downPolicy what a publish gets while the engine is down
 * @param prefix the first part of every Redis channel and NATS subject Tack uses, so that several Tack
 *     deployments can share one server
 * @param redisSharded whether Redis uses sharded PUB/SUB ({@code SSUBSCRIBE}/{@code SPUBLISH}, Redis 7+)
 * @param lingerMillis how long a channel stays subscribed on the bus after its last local listener left
 */
public record EngineSettings(Kind kind, List<URI> urls, String nodeName, DownPolicy downPolicy, String prefix,
        boolean redisSharded, long lingerMillis) {

    /** The engine kinds; {@code [tack] engine} picks one by URL scheme. */
    public enum Kind { LOCAL, REDIS, NATS }

    /** {@code engine_down_policy}: refuse publishes with 503, or deliver them on this node only. */
    public enum DownPolicy { REJECT, LOCAL }

    /** What {@code [tack] engine} accepts, for error messages. */
    public static final String EXPECTED_ENGINE = "local, or a comma list of redis:// / rediss:// URLs, or of "
            + "nats:// / tls:// URLs";

    public EngineSettings {
        Objects.requireNonNull(kind, "kind");
        urls = List.copyOf(urls);
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(downPolicy, "downPolicy");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** One node on its own: the default. */
    public static EngineSettings local() {
        return new EngineSettings(Kind.LOCAL, List.of(), defaultNodeName(), DownPolicy.REJECT, "tack", false, 60_000);
    }

    /** A copy on another engine, e.g. {@code local().withEngine("redis://127.0.0.1:6379")} in tests. */
    public EngineSettings withEngine(String engine) {
        List<URI> parsed = parseEngine(engine);
        return new EngineSettings(kindOf(parsed), parsed, nodeName, downPolicy, prefix, redisSharded, lingerMillis);
    }

    public EngineSettings withNodeName(String value) {
        return new EngineSettings(kind, urls, checkNodeName(value), downPolicy, prefix, redisSharded, lingerMillis);
    }

    public EngineSettings withDownPolicy(DownPolicy value) {
        return new EngineSettings(kind, urls, nodeName, value, prefix, redisSharded, lingerMillis);
    }

    public EngineSettings withPrefix(String value) {
        return new EngineSettings(kind, urls, nodeName, downPolicy, checkPrefix(value), redisSharded, lingerMillis);
    }

    public EngineSettings withRedisSharded(boolean value) {
        return new EngineSettings(kind, urls, nodeName, downPolicy, prefix, value, lingerMillis);
    }

    public EngineSettings withLingerMillis(long value) {
        return new EngineSettings(kind, urls, nodeName, downPolicy, prefix, redisSharded, value);
    }

    /**
     * Reads {@code [tack] engine}: {@code local}, or a comma list of URLs of one kind.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static List<URI> parseEngine(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.equals("local")) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        for (String part : trimmed.split(",")) {
            String url = part.strip();
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + url + " (" + e.getReason() + ")");
            }
            if (uri.getScheme() == null || schemeKind(uri.getScheme()) == null) {
                throw new IllegalArgumentException("unknown engine scheme in " + url);
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host in " + url);
            }
            urls.add(uri);
        }
        Kind kind = schemeKind(urls.get(0).getScheme());
        for (URI uri : urls) {
            if (schemeKind(uri.getScheme()) != kind) {
                throw new IllegalArgumentException("one engine kind at a time: " + urls.get(0).getScheme() + " and "
                        + uri.getScheme());
            }
        }
        return urls;
    }

    /** The kind a parsed {@code engine} value names. */
    public static Kind kindOf(List<URI> urls) {
        return urls.isEmpty() ? Kind.LOCAL : schemeKind(urls.get(0).getScheme());
    }

    private static Kind schemeKind(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "redis", "rediss" -> Kind.REDIS;
            case "nats", "tls" -> Kind.NATS;
            default -> null;
        };
    }

    /** {@code engine_down_policy}: {@code reject} or {@code local}. */
    public static DownPolicy parseDownPolicy(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "reject" -> DownPolicy.REJECT;
            case "local" -> DownPolicy.LOCAL;
            default -> throw new IllegalArgumentException("unknown policy " + value);
        };
    }

    /** A node name: printable, no spaces (it travels in the header of every bus message). */
    public static String checkNodeName(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("node name '" + value + "' is empty or has spaces or non-ASCII");
        }
        return value;
    }

    /** A prefix: dot-separated tokens of letters, digits, {@code _} and {@code -} (valid as a NATS subject). */
    public static String checkPrefix(String value) {
        if (!value.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("prefix '" + value + "' is not dot-separated letters, digits, _ or -");
        }
        return value;
    }

    /** Host name and process id, e.g. {@code box1-4711}. */
    public static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "tack";
        }
        String name = host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid();
        return name;
    }

    /** The URLs with any password replaced by {@code ***}, for log lines. */
    public String describeUrls() {
        List<String> shown = new ArrayList<>();
        for (URI uri : urls) {
            shown.add(uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***"));
        }
        return String.join(",", shown);
    }
}
