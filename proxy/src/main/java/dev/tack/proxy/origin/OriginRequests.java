package dev.tack.proxy.origin;

import dev.tack.api.Header;
import dev.tack.proxy.route.Route;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the request Tack sends to an origin from the client's (pushpin-spec §1.15): path rewriting, hop-by-hop
 * headers removed ({@code Accept-Encoding} too, so origins never compress), route {@code header=} options, the
 * client's own {@code Grip-*} headers stripped unless it is trusted, {@code Grip-Sig} and {@code Grip-Feature}
 * added, and {@code X-Forwarded-*} per config.
 */
final class OriginRequests {

    /** What Tack can do for an origin, announced on every signed request. */
    static final String GRIP_FEATURES = "status";

    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "accept-encoding",
            "content-encoding", "transfer-encoding", "expect", "te", "trailer", "upgrade", "proxy-connection",
            "proxy-authorization", "pushpin-route");

    private OriginRequests() {
    }

    /**
     * @param gripSig the signature to add, or null (no key, {@code no_grip}, or a trusted client)
     * @param tls whether the client's connection counts as TLS
     */
    static HttpRequest build(HttpRequest client, Route route, String gripSig, boolean trusted, boolean tls,
            String peerAddress, ForwardingPolicy forwarding) {
        String uri = route.rewritePath(originForm(client.uri()));
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, client.method(), uri);
        HttpHeaders out = request.headers();
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
        if (gripSig != null) {
            out.set("Grip-Sig", gripSig);
            out.set("Grip-Feature", GRIP_FEATURES);
        }
        return request;
    }

    /** {@code http://host/path?q} (absolute-form) becomes {@code /path?q}. */
    static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < 8 && !uri.startsWith("/")) {
            int slash = uri.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : uri.substring(slash);
        }
        return uri.isEmpty() ? "/" : uri;
    }

    private static void applyForwarding(HttpHeaders out, boolean trusted, boolean tls, String peerAddress,
            ForwardingPolicy forwarding) {
        String protoMode = forwarding.setXForwardedProtocol();
        if (forwarding.acceptXForwardedProtocol() || !protoMode.isEmpty()) {
            out.remove("X-Forwarded-Proto");
            out.remove("X-Forwarded-Protocol");
        }
        if (tls && (protoMode.equals("proto-only") || protoMode.equals("true"))) {
            boolean websocket = out.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
            out.set("X-Forwarded-Proto", websocket ? "wss" : "https");
            if (protoMode.equals("true")) {
                out.set("X-Forwarded-Protocol", websocket ? "wss" : "https");
            }
        }
        String rule = trusted ? forwarding.xForwardedForTrusted() : forwarding.xForwardedFor();
        if (rule == null || rule.isBlank()) {
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
