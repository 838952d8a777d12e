package dev.tack.proxy.origin;

import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigner;
import dev.tack.api.sig.GripSigVerifier;
import dev.tack.proxy.route.Route;
import java.nio.file.Path;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Grip-Sig} signer of every route, built once at start-up: a route's own {@code sig_key} and
 * {@code sig_iss} win over {@code [proxy] sig_key} and {@code sig_iss}; an empty key means no signature
 * (docs/compatibility.md "Grip-Sig"). Also checks an incoming {@code Grip-Sig} against {@code upstream_key}: a client
 * that presents a valid one is trusted (its {@code Grip-*} headers pass and its GRIP responses are not processed).
 */
public final class Signers {

    /** By route object (looked up per request, so no record hashing); replaced whole when routes are added. */
    private volatile Map<Route, SecondSigner> byRoute = new IdentityHashMap<>();
    private final String sigKey;
    private final String sigIss;
    private final Path configDir;
    private final GripSigVerifier upstream;
    private final Clock clock;

    /** @throws IllegalArgumentException naming the key that cannot be read */
    public Signers(List<Route> routes, String sigKey, String sigIss, String upstreamKey, Path configDir, Clock clock) {
        this.clock = clock;
        this.sigKey = sigKey;
        this.sigIss = sigIss;
        this.configDir = configDir;
        routes.forEach(this::add);
        this.upstream = upstreamKey == null || upstreamKey.isEmpty() ? null : GripSigVerifier.of(upstreamKey, null);
    }

    /**
     * Signs the requests of {@code route} too: one read from a reloaded routes file (its route objects are new).
     *
     * @throws IllegalArgumentException naming the key that cannot be read
     */
    public synchronized void add(Route route) {
        String key = route.sigKey() != null ? route.sigKey() : sigKey;
        String iss = route.sigIss() != null ? route.sigIss() : sigIss;
        GripSigKey parsed = GripSigKey.parse(key == null ? "" : key, configDir);
        if (parsed.isPresent() && !route.noGrip()) {
            Map<Route, SecondSigner> next = new IdentityHashMap<>(byRoute);
            next.put(route, new SecondSigner(new GripSigner(parsed, iss == null || iss.isEmpty() ? "pushpin" : iss)));
            byRoute = next;
        }
    }

    /**
     * A signature for a request on {@code route} made this second, or null when the route signs nothing. Every
     * token made in one second says the same ({@code exp} = that second + one hour), so one is signed per route and
     * second and shared: a connection storm signs once a second, not once a request (signing was 9% of the CPU per
     * new connection, bench/profiles/connect-storm-sse-before.txt).
     */
    String sign(Route route) {
        SecondSigner signer = byRoute.get(route);
        return signer == null ? null : signer.sign(clock.millis() / 1000);
    }

    /** A route's signer with the token of the last second it signed in; safe on any thread. */
    private static final class SecondSigner {
        private record Token(long second, String value) { }

        private final GripSigner signer;
        private volatile Token last = new Token(Long.MIN_VALUE, null);

        SecondSigner(GripSigner signer) {
            this.signer = signer;
        }

        String sign(long second) {
            Token token = last;
            if (token.second() != second) {
                token = new Token(second, signer.sign(second));
                last = token;
            }
            return token.value();
        }
    }

    /** Whether {@code gripSig} (a client's header, may be null) verifies against {@code upstream_key}. */
    boolean trusted(String gripSig) {
        return upstream != null && gripSig != null && upstream.verify(gripSig, clock.millis() / 1000);
    }
}
