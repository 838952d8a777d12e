package dev.tack.api.grip;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * URI references in GRIP links ({@code Grip-Link}, the {@code url} meta of the {@code http-check} and
 * {@code http-modify} filters): reading them as tolerantly as Pushpin's URL parser, resolving them as RFC 3986
 * §5.2 says (unlike {@link URI#resolve}, which follows RFC 2396 and gets {@code ?query}-only and empty-path
 * references wrong), and deciding whether a link points back at the proxy's own client-facing address.
 */
public final class LinkUris {
    // An authority Java calls "registry based" (host null) that Pushpin still takes as host[:port]: underscores in
    // host names (Docker service names) and the like. A non-numeric port is refused, as Pushpin refuses it.
    private static final Pattern LOOSE_AUTHORITY = Pattern.compile("(?:[^@/]*@)?[^:@/\\[\\]]+(?::[0-9]*)?");

    private LinkUris() {
    }

    /**
     * Parses the text of a link (wire text or real text) into a URI reference, or returns null when it is not
     * one. Tolerant as Pushpin is: bytes a URI may not hold (spaces, quotes, {@code < > \ ^ ` { | }}, control chars,
     * non-ASCII as UTF-8, a {@code %} not followed by two hex digits) are percent-encoded first; what is still not a
     * URI reference after that (for example {@code http://host:port/}) is refused.
     */
    public static URI parseReference(String text) {
        Objects.requireNonNull(text, "text");
        String escaped = escape(HeaderValues.toUnicode(text));
        URI uri;
        try {
            uri = new URI(escaped);
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null
                && !LOOSE_AUTHORITY.matcher(uri.getRawAuthority()).matches()) {
            return null;
        }
        return uri;
    }

    /**
     * Resolves {@code reference} against {@code base} as RFC 3986 §5.2.2 says: {@code ?b} against
     * {@code http://a/s/p?q} gives {@code http://a/s/p?b}, {@code ../x} gives {@code http://a/x}, {@code //h/p} keeps
     * the base's scheme. An absolute reference comes back with its dot segments removed.
     *
     * @throws IllegalArgumentException when {@code base} is not an absolute hierarchical URI
     */
    public static URI resolve(URI base, URI reference) {
        Objects.requireNonNull(reference, "reference");
        if (base == null || !base.isAbsolute() || base.isOpaque()) {
            throw new IllegalArgumentException("base: " + base + " (expected: an absolute hierarchical URI)");
        }
        if (reference.isOpaque()) {
            return reference;
        }
        String scheme;
        String authority;
        String path;
        String query;
        String refPath = orEmpty(reference.getRawPath());
        if (reference.getScheme() != null) {
            scheme = reference.getScheme();
            authority = reference.getRawAuthority();
            path = removeDotSegments(refPath);
            query = reference.getRawQuery();
        } else {
            scheme = base.getScheme();
            if (reference.getRawAuthority() != null) {
                authority = reference.getRawAuthority();
                path = removeDotSegments(refPath);
                query = reference.getRawQuery();
            } else {
                authority = base.getRawAuthority();
                if (refPath.isEmpty()) {
                    path = orEmpty(base.getRawPath());
                    query = reference.getRawQuery() != null ? reference.getRawQuery() : base.getRawQuery();
                } else {
                    path = removeDotSegments(refPath.startsWith("/") ? refPath : merge(base, refPath));
                    query = reference.getRawQuery();
                }
            }
        }
        StringBuilder out = new StringBuilder(scheme).append(':');
        if (authority != null) {
            out.append("//").append(authority);
        }
        out.append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        if (reference.getRawFragment() != null) {
            out.append('#').append(reference.getRawFragment());
        }
        return URI.create(out.toString());
    }

    /**
     * Returns whether {@code target} names the same service as {@code request} (the client's original request):
     * same scheme, host (ignoring case) and port, with 80 and 443 as the defaults and {@code ws}/{@code wss} read as
     * {@code http}/{@code https}. Such a link is fetched through the proxy's own route (path rewriting and
     * {@code Grip-Sig} apply), as Pushpin's "prefer-internal" does.
     */
    public static boolean isSameOrigin(URI request, URI target) {
        URI a = withHttpScheme(request);
        URI b = withHttpScheme(target);
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** Returns {@code uri} with {@code ws} turned into {@code http} and {@code wss} into {@code https}. */
    public static URI withHttpScheme(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            return uri;
        }
        String text = uri.toString();
        return URI.create(("ws".equals(scheme) ? "http" : "https") + text.substring(uri.getScheme().length()));
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String merge(URI base, String refPath) {
        String basePath = orEmpty(base.getRawPath());
        if (base.getRawAuthority() != null && basePath.isEmpty()) {
            return "/" + refPath;
        }
        return basePath.substring(0, basePath.lastIndexOf('/') + 1) + refPath;
    }

    // RFC 3986 §5.2.4.
    static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        boolean absolute = path.startsWith("/");
        String[] segments = path.split("/", -1);
        Deque<String> out = new ArrayDeque<>();
        for (int i = absolute ? 1 : 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equals("..")) {
                if (s.equals("..") && !out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast(""); // "a/b/.." ends in a slash: "a/"
                }
            } else {
                out.addLast(s);
            }
        }
        return (absolute ? "/" : "") + String.join("/", out);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean fragment = false;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.append('%');
            } else if (b == '#' && !fragment) {
                fragment = true;
                out.append('#');
            } else if (b <= 0x20 || b >= 0x7f || "\"<>\\^`{|}%#".indexOf(b) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
