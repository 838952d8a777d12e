package dev.tack.proxy.publish;

import dev.tack.api.sig.GripSigVerifier;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/**
 * Checks publish credentials. Pushpin's {@code /publish/} is open; Tack keeps that default and optionally
 * requires a Bearer token, an HS256 JWT (as GRIP libraries send for {@code ?iss=&key=} GRIP URLs) or Basic
 * credentials. The Fastly path checks {@code Fastly-Key} or {@code Authorization: Bearer} against {@code
 * fastly_api_key}, as api.fastly.com does (docs/compatibility.md "Fastly").
 */
final class PublishAuth {

    private final PublishSettings settings;
    private final GripSigVerifier jwtVerifier;
    private final Clock clock;

    PublishAuth(PublishSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.jwtVerifier = settings.jwtKey().isEmpty()
                ? null
                : GripSigVerifier.of(settings.jwtKey(), settings.jwtIss().isEmpty() ? null : settings.jwtIss());
    }

    /** @return null when allowed, otherwise the reason for a 401 */
    String checkPublishPath(HttpHeaders headers) {
        if (!settings.publishPathNeedsAuth()) {
            return null;
        }
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION, "");
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!settings.bearerToken().isEmpty() && constantTimeEquals(token, settings.bearerToken())) {
                return null;
            }
            if (jwtVerifier != null && jwtVerifier.verify(token, clock.millis() / 1000)) {
                return null;
            }
            return "Bearer credential not accepted";
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6) && !settings.basicAuth().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "Basic credential is not valid base64";
            }
            return constantTimeEquals(decoded, settings.basicAuth()) ? null : "Basic credential not accepted";
        }
        return "publishing requires an Authorization header";
    }

    /** @return null when allowed, otherwise the reason for a 401 */
    String checkFastlyPath(HttpHeaders headers) {
        if (settings.fastlyApiKey().isEmpty()) {
            return null;
        }
        String key = headers.get("Fastly-Key");
        if (key == null) {
            String authorization = headers.get(HttpHeaderNames.AUTHORIZATION, "");
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            }
        }
        if (key == null) {
            return "publishing requires a Fastly-Key header or an Authorization: Bearer token";
        }
        return constantTimeEquals(key, settings.fastlyApiKey()) ? null : "the API token is not valid";
    }

    boolean serviceIdAccepted(String serviceId) {
        return settings.fastlyServiceId().isEmpty() || settings.fastlyServiceId().equals(serviceId);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
