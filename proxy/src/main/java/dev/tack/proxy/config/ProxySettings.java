package dev.tack.proxy.config;

import java.util.Objects;

/**
 * How requests are passed to origins, from {@code [proxy]} (docs/compatibility.md "Configuration", "Requests to the
 * origin", §1.16). Strings are never {@code null}; an empty string means "not set".
 *
 * @param sigIss                   {@code sig_iss} ({@code pushpin}): the {@code iss} claim of {@code Grip-Sig}
 * @param sigKey                   {@code sig_key} as written (plain secret, {@code base64:...}, {@code file:...}
 *                                 relative to the config dir, or a PEM); empty = no {@code Grip-Sig} is sent
 * @param upstreamKey              {@code upstream_key}: verify a client's {@code Grip-Sig} with this key; empty = off
 * @param debug                    {@code debug} (false): detailed error bodies
 * @param acceptPushpinRoute       {@code accept_pushpin_route} (false): route by the {@code Pushpin-Route} header
 * @param acceptXForwardedProtocol {@code accept_x_forwarded_protocol} (false): trust a client's
 *                                 {@code X-Forwarded-Proto}
 * @param setXForwardedProtocol    {@code set_x_forwarded_protocol}: {@code ""} (off), {@code proto-only}
 *                                 ({@code X-Forwarded-Proto}) or {@code true} (also {@code X-Forwarded-Protocol})
 * @param xForwardedFor            {@code x_forwarded_for}: items {@code truncate:N} and {@code append}, comma-separated
 * @param xForwardedForTrusted     {@code x_forwarded_for_trusted}: the same, for requests with a trusted Grip-Sig
 * @param autoCrossOrigin          {@code auto_cross_origin} (false): CORS headers on every response
 * @param cdnLoop                  {@code cdn_loop}: value added to {@code CDN-Loop}; empty = header untouched
 * @param logFrom                  {@code log_from} (false): add {@code from=<ip>} to request logs
 * @param logUserAgent             {@code log_user_agent} (false): add {@code ua=<agent>} to request logs
 */
public record ProxySettings(String sigIss, String sigKey, String upstreamKey, boolean debug,
                            boolean acceptPushpinRoute, boolean acceptXForwardedProtocol,
                            String setXForwardedProtocol, String xForwardedFor, String xForwardedForTrusted,
                            boolean autoCrossOrigin, String cdnLoop, boolean logFrom, boolean logUserAgent) {
    public ProxySettings {
        Objects.requireNonNull(sigIss, "sigIss");
        Objects.requireNonNull(sigKey, "sigKey");
        Objects.requireNonNull(upstreamKey, "upstreamKey");
        Objects.requireNonNull(setXForwardedProtocol, "setXForwardedProtocol");
        Objects.requireNonNull(xForwardedFor, "xForwardedFor");
        Objects.requireNonNull(xForwardedForTrusted, "xForwardedForTrusted");
        Objects.requireNonNull(cdnLoop, "cdnLoop");
    }

    /** Whether origin requests carry a {@code Grip-Sig} (a {@code sig_key} is set). */
    public boolean signsRequests() {
        return !sigKey.isEmpty();
    }
}
