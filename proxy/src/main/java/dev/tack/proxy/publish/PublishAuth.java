package dev.tack.proxy.publish;

import dev.tack.api.sig.GripSigVerifier;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/**
 * Checks publish credentials (docs/reliability.md "Publish authentication"). Pushpin's publish API is open; Tack keeps
 * that default, and once any credential is configured, every publish path ({@code /publish/},
 * {@code /service/{id}/publish/}, {@code /recover}) asks for one of them, whichever it is:
 * <ul>
 * <li>{@code fastly_api_key} as {@code Fastly-Key} or {@code Authorization: Bearer}, as api.fastly.com takes it;</li>
 * <li>{@code publish_bearer_token} as {@code Authorization: Bearer};</li>
 * <li>an HS256 JWT signed with {@code publish_jwt_key} as {@code Authorization: Bearer} (what GRIP libraries send
 * for {@code ?iss=&key=} GRIP URLs);</li>
 * <li>{@code publish_basic_auth} as {@code Authorization: Basic}.</li>
 * </ul>
 * Secrets are compared in constant time. The check reads headers only, so the publish handler runs it on the
 * request head, before the body is read.
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
    String check(HttpHeaders headers) {
        if (!settings.credentialsRequired()) {
            return null;
        }
        String fastlyKey = headers.get("Fastly-Key");
        if (fastlyKey != null) {
            return matches(fastlyKey.trim(), settings.fastlyApiKey()) ? null : "the Fastly-Key is not valid";
        }
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION, "");
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            boolean accepted = matches(token, settings.fastlyApiKey()) | matches(token, settings.bearerToken());
            if (accepted || jwtVerifier != null && jwtVerifier.verify(token, clock.millis() / 1000)) {
                return null;
            }
            return "Bearer credential not accepted";
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "Basic credential is not valid base64";
            }
            return matches(decoded, settings.basicAuth()) ? null : "Basic credential not accepted";
        }
        return "publishing requires " + accepted();
    }

    /** The credentials this configuration accepts, for the 401 text (names only, never a value). */
    private String accepted() {
        StringBuilder out = new StringBuilder();
        if (!settings.fastlyApiKey().isEmpty()) {
            out.append("a Fastly-Key header or ");
        }
        if (!settings.fastlyApiKey().isEmpty() || !settings.bearerToken().isEmpty() || jwtVerifier != null) {
            out.append("an Authorization: Bearer credential or ");
        }
        if (!settings.basicAuth().isEmpty()) {
            out.append("Authorization: Basic or ");
        }
        return out.substring(0, out.length() - 4);
    }

    boolean serviceIdAccepted(String serviceId) {
        return settings.fastlyServiceId().isEmpty() || settings.fastlyServiceId().equals(serviceId);
    }

    /** Whether {@code given} equals a configured (non-empty) {@code secret}, compared in constant time. */
    private static boolean matches(String given, String secret) {
        return !secret.isEmpty() && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }
}
