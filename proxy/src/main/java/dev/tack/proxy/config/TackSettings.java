package dev.tack.proxy.config;

import dev.tack.proxy.engine.EngineSettings;
import dev.tack.proxy.history.HistorySettings;
import java.util.Objects;

/**
 * Tack's own keys, from {@code [tack]} (documented in {@code config/tack.conf}). Strings are never
 * {@code null}; empty means "not set". When none of the publish credentials is set the publish API is open,
 * as in Pushpin (which relies on binding it to 127.0.0.1); when any is set, a publish request must present
 * one of them.
 *
 * @param fastlyServiceId     {@code fastly_service_id}: the only id accepted in {@code /service/{id}/publish/};
 *                            empty = any id
 * @param fastlyApiKey        {@code fastly_api_key}: token accepted as {@code Fastly-Key} or
 *                            {@code Authorization: Bearer}
 * @param publishBearerToken  {@code publish_bearer_token}: token accepted as {@code Authorization: Bearer}
 * @param publishJwtKey       {@code publish_jwt_key}: key of an HS256 JWT in {@code Authorization: Bearer}
 *                            (the {@code ?iss=&key=} form of GRIP URLs); same formats as {@code sig_key}
 * @param publishJwtIss       {@code publish_jwt_iss}: the {@code iss} that JWT must carry; empty = any
 * @param publishBasicAuth    {@code publish_basic_auth}: {@code user:pass} accepted as {@code Authorization: Basic}
 * @param outboxMaxMessages   {@code outbox_max_messages} (100): items queued per slow subscriber before dropping
 * @param wsMaxMessageSize    {@code ws_max_message_size} (1000000 bytes): the largest client WebSocket message
 * @param maxRequestBodyBuffer {@code max_request_body_buffer} (100000 bytes): request body kept for retries
 * @param engine              {@code engine} ({@code local}), {@code node_name}, {@code engine_down_policy}
 *                            ({@code reject}), {@code engine_prefix} ({@code tack}), {@code engine_redis_sharded}
 *                            (false), with {@code [handler] subscription_linger}
 * @param reusePort           {@code reuse_port} (false): client listeners bind with {@code SO_REUSEPORT}, so several
 *                            processes can share one client port (Linux, epoll or io_uring)
 * @param history             the {@code history_*} keys: channel history for resuming clients (off by default)
 * @param limits              the limit and timer keys ({@code client_head_timeout}, {@code write_timeout},
 *                            {@code drain_window}, ...)
 */
public record TackSettings(String fastlyServiceId, String fastlyApiKey, String publishBearerToken,
                           String publishJwtKey, String publishJwtIss, String publishBasicAuth,
                           int outboxMaxMessages, int wsMaxMessageSize, int maxRequestBodyBuffer,
                           EngineSettings engine, boolean reusePort, HistorySettings history,
                           LimitSettings limits) {
    public TackSettings {
        Objects.requireNonNull(fastlyServiceId, "fastlyServiceId");
        Objects.requireNonNull(fastlyApiKey, "fastlyApiKey");
        Objects.requireNonNull(publishBearerToken, "publishBearerToken");
        Objects.requireNonNull(publishJwtKey, "publishJwtKey");
        Objects.requireNonNull(publishJwtIss, "publishJwtIss");
        Objects.requireNonNull(publishBasicAuth, "publishBasicAuth");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(limits, "limits");
    }

    /** Whether a publish request must present a credential (any of the publish credentials is set). */
    public boolean publishAuthRequired() {
        return !fastlyApiKey.isEmpty() || !publishBearerToken.isEmpty() || !publishJwtKey.isEmpty()
                || !publishBasicAuth.isEmpty();
    }
}
