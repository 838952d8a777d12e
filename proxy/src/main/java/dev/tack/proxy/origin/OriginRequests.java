package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RequestTarget;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the request Tack sends an origin for a client's request (docs/compatibility.md "Requests to the
 * origin", Pushpin's {@code proxyutil.cpp manipulateRequestHeaders}): path rewriting, the headers that belong to
 * the client's hop removed ({@code Accept-Encoding} too, so origins never compress), route {@code header=}
 * options, the client's own {@code Grip-*} headers stripped unless it is trusted, and {@code X-Forwarded-*} per
 * config. {@code Grip-Sig} is not added here but by the call at each attempt.
 *
 * <p>Only the headers Pushpin removes are removed: {@code TE}, {@code Trailer}, {@code Upgrade},
 * {@code Proxy-Connection}, {@code Proxy-Authorization} and the headers a {@code Connection} header names pass
 * to the origin as they do through Pushpin. {@code Pushpin-Route} is removed by the server when it routed by it.
 */
final class OriginRequests {

    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "accept-encoding",
            "content-encoding", "transfer-encoding", "expect");

    private OriginRequests() {
    }

    /**
     * @param trusted the client presented a valid {@code Grip-Sig}: its {@code Grip-*} headers pass and the
     *     request is not signed again
     * @param tls whether the client's connection counts as TLS
     * @param peerAddress the client's address for {@code X-Forwarded-For}, or null
     * @return a request whose body the caller streams
     */
    static OriginRequest forClient(HttpRequest client, Route route, boolean trusted, boolean tls,
            String peerAddress, ForwardingPolicy forwarding, OriginRequest.Policy policy) {
        String uri = route.rewritePath(RequestTarget.originForm(client.uri()));
        HttpHeaders out = new DefaultHttpHeaders();
        for (var entry : client.headers()) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name)) {
                continue;
            }
            if (!trusted && name.startsWith("grip-")) {
                continue;
            }
            out.add(entry.getKey(), entry.getValue());
        }
        if (HttpUtil.isTransferEncodingChunked(client)) {
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String authority = RequestTarget.authority(client.uri());
        if (authority != null && !authority.isEmpty()) {
            // An absolute-form request is forwarded as its origin-form twin, whose Host is the target's authority.
            out.set(HttpHeaderNames.HOST, authority);
        }
        if (route.asHost() != null && !route.asHost().isEmpty()) {
            out.set(HttpHeaderNames.HOST, route.asHost());
        }
        for (Header header : route.headers()) {
            if (header.value().isEmpty()) {
                out.remove(header.name());
            } else {
                out.set(header.name(), header.value());
            }
        }
        applyForwarding(out, trusted, tls, peerAddress, forwarding);
        if (!forwarding.cdnLoop().isEmpty()) {
            String loop = out.get("CDN-Loop");
            out.set("CDN-Loop", loop == null || loop.isBlank() ? forwarding.cdnLoop() : loop + ", " + forwarding.cdnLoop());
        }
        List<Header> headers = new ArrayList<>(out.size());
        for (var entry : out) {
            headers.add(new Header(entry.getKey(), entry.getValue()));
        }
        return new OriginRequest(route, route.targets(), client.method(), uri, headers, null, !trusted, false, policy);
    }

    private static void applyForwarding(HttpHeaders out, boolean trusted, boolean tls, String peerAddress,
            ForwardingPolicy forwarding) {
        String protoMode = forwarding.setXForwardedProtocol();
        // A client's own X-Forwarded-Proto never reaches the origin: Tack sets it (set_x_forwarded_protocol) or
        // nobody does (docs/reliability.md "Safer defaults").
        out.remove("X-Forwarded-Proto");
        out.remove("X-Forwarded-Protocol");
        if (tls && (protoMode.equals("proto-only") || protoMode.equals("true"))) {
            boolean websocket = out.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
            out.set("X-Forwarded-Proto", websocket ? "wss" : "https");
            if (protoMode.equals("true")) {
                out.set("X-Forwarded-Protocol", websocket ? "wss" : "https");
            }
        }
        String rule = trusted ? forwarding.xForwardedForTrusted() : forwarding.xForwardedFor();
        if (rule == null || rule.isBlank()) {
            if (!trusted) {
                // No rule: an untrusted client's X-Forwarded-For is not passed on as if Tack vouched for it (Pushpin
                // passes it); a client with a valid Grip-Sig is an upstream proxy whose header stands.
                out.remove("X-Forwarded-For");
            }
            return;
        }
        List<String> values = new ArrayList<>();
        for (String value : out.getAll("X-Forwarded-For")) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        for (String step : rule.split(",")) {
            step = step.trim();
            if (step.startsWith("truncate:")) {
                int keep = Integer.parseInt(step.substring("truncate:".length()).trim());
                while (values.size() > keep) {
                    values.remove(0);
                }
            } else if (step.equals("append") && peerAddress != null) {
                values.add(peerAddress);
            }
        }
        out.remove("X-Forwarded-For");
        if (!values.isEmpty()) {
            out.set("X-Forwarded-For", String.join(", ", values));
        }
    }
}
