package dev.tack.proxy.publish;

/**
 * What the publish listener needs to know, taken from {@code [handler]} and {@code [tack]}.
 *
 * @param maxBodySize {@code push_in_http_max_body_size}
 * @param maxHeadersSize {@code push_in_http_max_headers_size}
 * @param fastlyServiceId the only service id accepted in {@code /service/{id}/publish/}; empty accepts any
 * @param fastlyApiKey when non-empty, required on the Fastly path as {@code Fastly-Key} or a Bearer token
 * @param bearerToken when non-empty, {@code /publish/} accepts {@code Authorization: Bearer <token>}
 * @param jwtKey when non-empty, {@code /publish/} accepts a Bearer HS256 JWT signed with this key
 * @param jwtIss the {@code iss} such a JWT must carry; empty accepts any
 * @param basicAuth when non-empty ({@code user:pass}), {@code /publish/} accepts this Basic credential
 */
public record PublishSettings(int maxBodySize, int maxHeadersSize, String fastlyServiceId, String fastlyApiKey,
        String bearerToken, String jwtKey, String jwtIss, String basicAuth) {

    /** Pushpin's defaults: no authentication anywhere, 1,000,000-byte bodies, 10,000-byte headers. */
    public static PublishSettings open() {
        return new PublishSettings(1_000_000, 10_000, "", "", "", "", "", "");
    }

    boolean publishPathNeedsAuth() {
        return !bearerToken.isEmpty() || !jwtKey.isEmpty() || !basicAuth.isEmpty();
    }
}
