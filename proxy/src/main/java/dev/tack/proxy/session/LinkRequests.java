package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.LinkUris;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.route.Target;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The requests a hold makes to a URL an origin gave it: a next link, a gone link, an {@code http-check} or
 * {@code http-modify} URL (docs/compatibility.md "Reliable GRIP"). A URL with the scheme, host and port of the
 * client's request goes through the client's route, as if the client had asked for it: path rewriting, {@code
 * as_host}, the route's {@code header=} options, its targets with failover, and {@code Grip-Sig} (Pushpin's
 * "prefer-internal"). Any other URL goes straight to its own host and port ({@code https} over TLS), signed with the
 * route's key as Pushpin signs it. {@code ws}/{@code wss} count as {@code http}/{@code https}.
 */
final class LinkRequests {

    private LinkRequests() {
    }

    /**
     * Returns the request, or null when {@code url} is no {@code http}/{@code https} URL with a host.
     *
     * @param url absolute
     * @param headers added after the route's rules (so they are never stripped as a client's {@code Grip-*} would be)
     * @param body the whole body ({@code byte[0]} for none)
     */
    static OriginRequest request(HeldRequest held, HttpMethod method, URI url, List<Header> headers, byte[] body,
            OriginRequest.Policy policy) {
        URI target = LinkUris.withHttpScheme(url);
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            return null;
        }
        String pathAndQuery = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        String authority = target.getRawAuthority().substring(target.getRawAuthority().lastIndexOf('@') + 1);
        if (LinkUris.isSameOrigin(held.parsedUri(), target)) {
            HttpRequest asClient = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, pathAndQuery);
            asClient.headers().set(HttpHeaderNames.HOST, authority);
            OriginRequest routed = held.grip().origin().requestFor(asClient, held.route(), false,
                    scheme.equals("https"), null, policy);
            return new OriginRequest(routed.route(), routed.targets(), method, routed.uri(),
                    withHeaders(routed.headers(), headers), body, routed.sign(), false, policy);
        }
        boolean tls = scheme.equals("https");
        int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
        Target direct = new Target(target.getHost().startsWith("[")
                ? target.getHost().substring(1, target.getHost().length() - 1) : target.getHost(), port, false, tls,
                false, null, List.of(), false, false);
        List<Header> out = new ArrayList<>(headers.size() + 1);
        out.add(new Header("Host", authority));
        out.addAll(headers);
        return new OriginRequest(held.route(), List.of(direct), method, pathAndQuery, out, body, true, false, policy);
    }

    private static List<Header> withHeaders(List<Header> base, List<Header> more) {
        List<Header> out = new ArrayList<>(base.size() + more.size());
        out.addAll(base);
        out.addAll(more);
        return out;
    }
}
