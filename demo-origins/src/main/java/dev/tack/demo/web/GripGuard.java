package dev.tack.demo.web;

import dev.tack.api.sig.GripSigVerifier;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets through only requests that came through a GRIP proxy: with a verify key, {@code Grip-Sig} must be a
 * token signed with it, unexpired and (when configured) from the expected issuer; without one, its mere
 * presence is accepted, as the GRIP libraries do (js-grip {@code validateSig}). Tack signs HS256 with its
 * {@code sig_key} (default {@code changeme}) and issuer {@code pushpin}:
 * <pre>
 * Grip-Sig: eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJwdXNocGluIiwiZXhwIjoxNzAwMDAzNjAwfQ.peoNzX...
 * </pre>
 * Refused requests get {@code 403} with a message saying what was missing.
 */
public final class GripGuard {
    private final GripSigVerifier verifier;
    private final String keyDescription;
    private final Clock clock;

    private GripGuard(GripSigVerifier verifier, String keyDescription, Clock clock) {
        this.verifier = verifier;
        this.keyDescription = keyDescription;
        this.clock = clock;
    }

    /** A guard checking signatures with {@code verifier}; {@code keyDescription} names the key in refusals. */
    public static GripGuard verifying(GripSigVerifier verifier, String keyDescription, Clock clock) {
        return new GripGuard(Objects.requireNonNull(verifier, "verifier"), keyDescription,
                Objects.requireNonNull(clock, "clock"));
    }

    /** A guard that only asks for a {@code Grip-Sig} header to be present. */
    public static GripGuard presenceOnly() {
        return new GripGuard(null, "", Clock.systemUTC());
    }

    /** Empty when the request may go on, else the {@code 403} to answer. */
    public Optional<Response> check(Request request) {
        Optional<String> token = request.header("Grip-Sig");
        if (token.isEmpty() || token.get().isBlank()) {
            return Optional.of(Response.text(403, "Grip-Sig header missing (expected: a request through a GRIP "
                    + "proxy such as Tack; open this page through the proxy's port)\n"));
        }
        if (verifier != null && !verifier.verify(token.get(), clock.millis() / 1000L)) {
            return Optional.of(Response.text(403, "Grip-Sig not valid (expected: an unexpired " + verifier.algorithm()
                    + " token signed with " + keyDescription + ")\n"));
        }
        return Optional.empty();
    }

    /** Whether the request came through the proxy, for routes that answer differently when it did not. */
    public boolean isProxied(Request request) {
        return check(request).isEmpty();
    }
}
