package dev.tack.proxy.publish;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which publish endpoint a request target names. Accepts origin-form ({@code /publish/?x=1}) and
 * absolute-form ({@code https://api.fastly.com/service/ID/publish/}, as axios sends through a proxy);
 * the query string is ignored and one trailing slash is optional, as GRIP libraries expect
 * (docs/compatibility.md "Fastly").
 */
final class PublishPaths {

    enum Kind { ROOT, PUBLISH, FASTLY_PUBLISH, RECOVER, NOT_FOUND }

    record Target(Kind kind, String serviceId) {
    }

    private static final Pattern FASTLY = Pattern.compile("/service/([^/]+)/publish");

    private PublishPaths() {
    }

    /** The path of a request target, without scheme, authority or query. */
    static String pathOf(String uri) {
        String path = uri;
        int scheme = path.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path;
    }

    static Target classify(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.isEmpty() || trimmed.equals("/")) {
            return new Target(Kind.ROOT, null);
        }
        if (trimmed.equals("/publish")) {
            return new Target(Kind.PUBLISH, null);
        }
        if (trimmed.equals("/recover")) {
            return new Target(Kind.RECOVER, null);
        }
        Matcher fastly = FASTLY.matcher(trimmed);
        if (fastly.matches()) {
            return new Target(Kind.FASTLY_PUBLISH, fastly.group(1));
        }
        return new Target(Kind.NOT_FOUND, null);
    }
}
