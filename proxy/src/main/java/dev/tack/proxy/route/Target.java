package dev.tack.proxy.route;

import java.nio.file.Path;
import java.util.List;

/**
 * One origin a route may send a request to; a route's targets are tried in order when connecting fails.
 * Written {@code host:port}, {@code [ipv6]:port} or {@code test}, then props:
 * {@code localhost:8080,over_http,ssl,host=example.com,sub=news}.
 *
 * @param host          origin host (IPv6 without brackets); {@code null} for the test target
 * @param port          origin port 1-65535; 0 for the test target
 * @param test          {@code test}: Tack's built-in test handler answers instead of an origin
 * @param ssl           {@code ssl}: talk https / wss to the origin
 * @param overHttp      {@code over_http}: a WebSocket client is served with WebSocket-over-HTTP requests to
 *                      this origin (plain HTTP requests are unaffected)
 * @param hostHeader    {@code host=}: the {@code Host} header sent to the origin, or {@code null} to keep the client's
 * @param subscriptions {@code sub=} (repeatable): channels every connection through this target subscribes to
 * @param oneEvent      {@code one_event}: send at most one WebSocket event per WebSocket-over-HTTP request
 * @param insecure      {@code insecure}: do not verify the origin's TLS certificate
 * @param untrusted     {@code untrusted}: never connect to a loopback, private, link-local or other internal
 *                      address for this target (Pushpin's outbound policy for untrusted targets)
 * @param trustConnectHost {@code trust_connect_host}: verify the origin's certificate against {@code host}
 *                      (Tack always does, see docs/compatibility.md "Routes")
 * @param clientCert    {@code client_cert=<file>}: the certificate Tack shows a TLS origin, or {@code null}
 * @param clientKey     {@code client_key=<file>}: its private key (PEM, PKCS#8 for the JDK's TLS), or {@code null}
 */
public record Target(String host, int port, boolean test, boolean ssl, boolean overHttp, String hostHeader,
                     List<String> subscriptions, boolean oneEvent, boolean insecure, boolean untrusted,
                     boolean trustConnectHost, Path clientCert, Path clientKey) {

    /** A target with neither an outbound policy nor a client certificate. */
    public Target(String host, int port, boolean test, boolean ssl, boolean overHttp, String hostHeader,
            List<String> subscriptions, boolean oneEvent, boolean insecure) {
        this(host, port, test, ssl, overHttp, hostHeader, subscriptions, oneEvent, insecure, false, false, null, null);
    }

    public Target {
        subscriptions = List.copyOf(subscriptions);
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("client_cert " + clientCert + ", client_key " + clientKey
                    + " (expected: both or neither)");
        }
        if (!test && (host == null || host.isEmpty() || port < 1 || port > 65535)) {
            throw new IllegalArgumentException("target " + host + ":" + port + " (expected: host and port 1-65535)");
        }
    }

    /** Returns {@code test}, or {@code host:port} with brackets around an IPv6 host. */
    @Override
    public String toString() {
        if (test) {
            return "test";
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
