package dev.tack.proxy.route;

import java.util.Locale;

/**
 * The request target of an HTTP request line in the forms routing and forwarding both need (RFC 9112 §3.2). A
 * proxy may receive the absolute form, {@code GET http://example.com/api/items?x=1 HTTP/1.1}; it is routed and
 * forwarded exactly as its origin-form twin {@code GET /api/items?x=1} with {@code Host: example.com} would be.
 */
public final class RequestTarget {

    private RequestTarget() {
    }

    /** {@code http://host/path?q} (absolute form) becomes {@code /path?q}; an origin-form target stays as it is. */
    public static String originForm(String uri) {
        int scheme = schemeEnd(uri);
        if (scheme > 0) {
            int slash = uri.indexOf('/', scheme + 3);
            int query = uri.indexOf('?', scheme + 3);
            if (slash < 0 || query >= 0 && query < slash) {
                return query < 0 ? "/" : "/" + uri.substring(query);
            }
            return uri.substring(slash);
        }
        return uri.isEmpty() ? "/" : uri;
    }

    /**
     * The host an absolute-form target names, without port or brackets and in lower case, or {@code null} for
     * an origin-form target. When present it wins over the {@code Host} header (RFC 9112 §3.2.2).
     */
    public static String host(String uri) {
        String authority = authority(uri);
        return authority == null ? null : hostOfAuthority(authority);
    }

    /** The authority ({@code host[:port]}) an absolute-form target names, as a {@code Host} header; null otherwise. */
    public static String authority(String uri) {
        int scheme = schemeEnd(uri);
        if (scheme <= 0) {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        String authority = uri.substring(start, end);
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    /** The host of a {@code Host} header value or URI authority: no port, no IPv6 brackets, lower case. */
    public static String hostOfAuthority(String authority) {
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close > 0 ? authority.substring(1, close) : authority;
        } else {
            int colon = authority.indexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static int schemeEnd(String uri) {
        if (uri.startsWith("/")) {
            return -1;
        }
        int scheme = uri.indexOf("://");
        return scheme > 0 && scheme < 8 ? scheme : -1;
    }
}
