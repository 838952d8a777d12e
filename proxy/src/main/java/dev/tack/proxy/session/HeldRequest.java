package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.LinkUris;
import dev.tack.proxy.route.RequestTarget;
import dev.tack.proxy.route.Route;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The client request behind a hold (or a WebSocket session), as the hold's own origin calls need it: next-link
 * fetches, {@code rel=gone} notices, {@code http-check}/{@code http-modify} calls and, for a long-poll, asking the
 * origin again.
 *
 * @param grip what the node's holds share
 * @param route the route the request came through: links to the same scheme, host and port go through it
 * @param uri the client's request as an absolute URI ({@code http://example.com/events?x=1}), what links resolve
 *     against and what decides whether a link is the same origin; kept as text and parsed by {@link #parsedUri()}
 *     when a link or filter needs it (most holds never do: a parsed URI and its parts cost about 400 bytes of
 *     every held connection)
 * @param debug whether errors go to the client with their reason ({@code [proxy] debug} or the route's
 *     {@code debug})
 * @param implicitChannels the target's {@code sub=} channels, which every instruction's channels include
 * @param subscriptionMax {@code connection_subscription_max}: channels of an instruction beyond it are dropped
 * @param reAsk sends the held request to the origin again (long-polls), or null where that cannot be done
 * @param askedAgain whether this is the answer to a request asked again
 */
public record HeldRequest(ReliableGrip grip, Route route, String uri, boolean debug, List<String> implicitChannels,
        int subscriptionMax, ReAsk reAsk, boolean askedAgain) {

    /** Sends the held request again. */
    @FunctionalInterface
    public interface ReAsk {
        /**
         * Sends the client's request to the origin again with these {@code Grip-Last} headers and handles the answer
         * as a new one (the hold has let go of the connection by then).
         *
         * @return false when the request cannot be sent again (its body was not kept whole)
         */
        boolean reAsk(List<Header> gripLast);
    }

    public HeldRequest {
        Objects.requireNonNull(grip, "grip");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(uri, "uri");
        implicitChannels = List.copyOf(implicitChannels);
    }

    /** The client's request URI, parsed (each call parses {@link #uri()} again: links and filters are rare). */
    public URI parsedUri() {
        return URI.create(uri);
    }

    /** A gone link resolved against the client's request URI, once, as Pushpin 1.41 does; null for none. */
    URI resolve(URI link) {
        if (link == null) {
            return null;
        }
        try {
            return LinkUris.resolve(parsedUri(), link);
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(HeldRequest.class).info("link {} does not resolve against {}: {}", link, uri,
                    e.getMessage());
            return null;
        }
    }

    /**
     * The absolute URI of a client's request: its scheme by the connection ({@code https}/{@code wss} for TLS), its
     * authority from an absolute-form target or the {@code Host} header (else {@code fallbackHost}), and its path
     * and query. A {@code Host} that makes no URI gives {@code fallbackHost} too.
     *
     * @return the URI's text, which {@link URI#create} parses
     */
    public static String clientUri(HttpRequest request, boolean tls, boolean websocket, String fallbackHost) {
        String scheme = websocket ? (tls ? "wss" : "ws") : (tls ? "https" : "http");
        String authority = RequestTarget.authority(request.uri());
        if (authority == null || authority.isEmpty()) {
            authority = request.headers().get(HttpHeaderNames.HOST);
        }
        String path = RequestTarget.originForm(request.uri());
        URI uri = authority == null || authority.isBlank() ? null
                : LinkUris.parseReference(scheme + "://" + authority.trim() + path);
        if (uri == null || uri.getHost() == null) {
            uri = LinkUris.parseReference(scheme + "://" + fallbackHost + path);
        }
        return (uri != null ? uri : URI.create(scheme + "://" + fallbackHost + "/")).toString();
    }
}
