package dev.tack.proxy.publish;

/**
 * What the publish listener needs to know, taken from {@code [handler]} and {@code [tack]}.
 *
 * @param maxBodySize {@code push_in_http_max_body_size}
 * @param maxHeadersSize {@code push_in_http_max_headers_size}
 * @param fastlyServiceId the only service id accepted in {@code /service/{id}/publish/}; empty accepts any
 * @param fastlyApiKey when non-empty, accepted on every publish path as {@code Fastly-Key} or a Bearer token
 * @param bearerToken when non-empty, accepted on every publish path as {@code Authorization: Bearer <token>}
 * @param jwtKey when non-empty, a Bearer HS256 JWT signed with this key is accepted on every publish path
 * @param jwtIss the {@code iss} such a JWT must carry; empty accepts any
 * @param basicAuth when non-empty ({@code user:pass}), this Basic credential is accepted on every publish path
 * @param requestTimeoutMillis {@code [tack] publish_timeout}: how long a publish request (head and body) may take
 *     to arrive, from its connection's start; 0 turns the timer off
 */
public record PublishSettings(int maxBodySize, int maxHeadersSize, String fastlyServiceId, String fastlyApiKey,
        String bearerToken, String jwtKey, String jwtIss, String basicAuth, long requestTimeoutMillis) {

    /** How long a publish request may take to arrive unless configured. */
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;

    /** Settings with the default {@link #requestTimeoutMillis}. */
    public PublishSettings(int maxBodySize, int maxHeadersSize, String fastlyServiceId, String fastlyApiKey,
            String bearerToken, String jwtKey, String jwtIss, String basicAuth) {
        this(maxBodySize, maxHeadersSize, fastlyServiceId, fastlyApiKey, bearerToken, jwtKey, jwtIss, basicAuth,
                DEFAULT_REQUEST_TIMEOUT_MILLIS);
    }

    /** Pushpin's defaults: no authentication anywhere, 1,000,000-byte bodies, 10,000-byte headers. */
    public static PublishSettings open() {
        return new PublishSettings(1_000_000, 10_000, "", "", "", "", "", "");
    }

    /** Whether any publish credential is set: then every publish path asks for one (docs/reliability.md). */
    public boolean credentialsRequired() {
        return !fastlyApiKey.isEmpty() || !bearerToken.isEmpty() || !jwtKey.isEmpty() || !basicAuth.isEmpty();
    }

    /** The same settings with {@code millis} as the request timeout. */
    public PublishSettings withRequestTimeout(long millis) {
        return new PublishSettings(maxBodySize, maxHeadersSize, fastlyServiceId, fastlyApiKey, bearerToken, jwtKey,
                jwtIss, basicAuth, millis);
    }
}
