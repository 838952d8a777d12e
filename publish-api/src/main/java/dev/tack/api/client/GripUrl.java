package dev.tack.api.client;

import dev.tack.api.Header;
import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigVerifier;
import dev.tack.api.sig.GripSigner;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GRIP URL, the one string that tells an origin where to publish and how to check Grip-Sig, read as the
 * GRIP libraries read it (js-grip {@code parseGripUri}; docs/compatibility.md "Fastly"):
 * <pre>
 * http://127.0.0.1:5561/                                   no auth, publish to /publish/
 * http://127.0.0.1:5561/?iss=pushpin&amp;key=changeme          Bearer JWT (HS256), key reused to verify Grip-Sig
 * http://127.0.0.1:5561/?key=TOKEN                         Authorization: Bearer TOKEN
 * http://user:pass@127.0.0.1:5561/                         Authorization: Basic dXNlcjpwYXNz
 * https://api.fastly.com/service/SVC?key=TOKEN&amp;verify-iss=fastly:SVC
 *                                                          Fastly-Key: TOKEN, publish to /service/SVC/publish/
 * </pre>
 * The parameters {@code iss}, {@code key}, {@code verify-iss} and {@code verify-key} and the user info are taken
 * out; other parameters stay and are sent with every publish ({@code ?backend=grip-publisher}). Nullable
 * components are absent parameters. {@link #toString()} hides {@code key} and {@code password}.
 *
 * @param controlUri the base URI without the GRIP parameters, user info or trailing slash
 * @param iss issuer of the publish JWT ({@code iss=}), or null
 * @param key publish key ({@code key=}): JWT key with {@code iss}, else a bearer token or Fastly API token; or null
 * @param user user for Basic auth, or null
 * @param password password for Basic auth, or null
 * @param verifyIss issuer Grip-Sig must carry ({@code verify-iss=}), or null
 * @param verifyKey key Grip-Sig is checked with ({@code verify-key=}), or null
 */
public record GripUrl(URI controlUri, String iss, String key, String user, String password, String verifyIss,
        String verifyKey) {
    /** The GRIP libraries sign publish JWTs for ten minutes. */
    static final long PUBLISH_TOKEN_LIFETIME_SECONDS = 600;
    private static final Pattern FASTLY_PATH = Pattern.compile("/service/([^/]+)/?");

    public GripUrl {
        Objects.requireNonNull(controlUri, "controlUri");
        if (iss != null && key != null) {
            GripSigKey signingKey = GripSigKey.load(key);
            if (signingKey.isPresent() && !signingKey.canSign()) {
                throw new IllegalArgumentException("GRIP URL key for iss=" + iss
                        + " cannot sign (expected: a secret, base64:<secret>, or a private key)");
            }
        }
    }

    /**
     * Parses a GRIP URL.
     *
     * @throws IllegalArgumentException naming the URL and what was expected
     */
    public static GripUrl parse(String url) {
        return parse(url, Map.of());
    }

    /**
     * Parses a GRIP URL, first setting the query parameters in {@code overrides} (null values skipped), as
     * {@code parseGripUri(GRIP_URL, {"verify-key": GRIP_VERIFY_KEY})} does for keys too long for a URL.
     */
    public static GripUrl parse(String url, Map<String, String> overrides) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(overrides, "overrides");
        URI uri;
        try {
            uri = new URI(escapeIllegal(url.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("GRIP URL " + url + " is not a URI (" + e.getReason()
                    + "; expected: e.g. http://127.0.0.1:5561/)", e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("GRIP URL " + url + " (expected: http:// or https:// with a host)");
        }
        List<String[]> params = queryParams(uri.getRawQuery());
        overrides.forEach((name, value) -> {
            if (value != null) {
                params.removeIf(p -> p[0].equals(name));
                params.add(new String[] {name, value});
            }
        });
        String iss = take(params, "iss");
        String key = take(params, "key");
        String verifyIss = take(params, "verify-iss");
        String verifyKey = take(params, "verify-key");

        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder control = new StringBuilder()
                .append(scheme.toLowerCase(Locale.ROOT)).append("://").append(uri.getRawAuthority().substring(
                        userInfo == null ? 0 : userInfo.length() + 1))
                .append(path.isEmpty() ? "/" : path);
        if (!params.isEmpty()) {
            control.append('?').append(encodeQuery(params));
        }
        return new GripUrl(URI.create(control.toString()), iss, key, user, password, verifyIss, verifyKey);
    }

    /**
     * Where to {@code POST} publishes: the control path plus {@code /publish/}, query kept
     * ({@code http://h/service/SVC/publish/}, {@code http://h/publish/?backend=x}).
     */
    public URI publishUri() {
        String path = controlUri.getRawPath();
        String publishPath = (path.endsWith("/") ? path : path + "/") + "publish/";
        String query = controlUri.getRawQuery();
        return URI.create(controlUri.getScheme() + "://" + controlUri.getRawAuthority() + publishPath
                + (query == null ? "" : "?" + query));
    }

    /** Whether the control path is Fastly's {@code /service/<service-id>}. */
    public boolean isFastly() {
        return fastlyServiceId().isPresent();
    }

    /** The Fastly service id of a {@code /service/<id>} control path. */
    public Optional<String> fastlyServiceId() {
        Matcher m = FASTLY_PATH.matcher(controlUri.getRawPath());
        return m.matches() ? Optional.of(percentDecode(m.group(1))) : Optional.empty();
    }

    /**
     * The authorization headers of a publish request at {@code nowEpochSeconds}: with {@code iss}, a Bearer HS256
     * JWT {@code {"iss":iss,"exp":now+600}} signed with {@code key} (which may be {@code base64:...}); else with
     * {@code key}, {@code Fastly-Key: key} on a Fastly service path (what Fastly's own API clients send) and
     * {@code Authorization: Bearer key} elsewhere; else with a user, Basic auth; else none.
     */
    public List<Header> authorizationHeaders(long nowEpochSeconds) {
        if (iss != null) {
            GripSigKey signingKey = key == null ? GripSigKey.secret(new byte[0]) : GripSigKey.load(key);
            if (!signingKey.isPresent()) {
                signingKey = GripSigKey.secret(new byte[0]);
            }
            String token = new GripSigner(signingKey, iss, PUBLISH_TOKEN_LIFETIME_SECONDS).sign(nowEpochSeconds);
            return List.of(new Header("Authorization", "Bearer " + token));
        }
        if (key != null) {
            return List.of(isFastly() ? new Header("Fastly-Key", key) : new Header("Authorization", "Bearer " + key));
        }
        if (user != null) {
            String credentials = user + ":" + (password == null ? "" : password);
            return List.of(new Header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        }
        return List.of();
    }

    /**
     * How an origin checks Grip-Sig for this URL: with {@code verify-key}, or else (as the GRIP libraries do) with
     * the JWT {@code key} when it is a secret; {@code verify-iss} is the expected issuer. Empty when there is no
     * verify key: then the mere presence of Grip-Sig is all an origin can check.
     */
    public Optional<GripSigVerifier> verifier() {
        if (verifyKey != null) {
            return Optional.of(GripSigVerifier.of(verifyKey, verifyIss));
        }
        if (iss != null && key != null) {
            GripSigKey signingKey = GripSigKey.load(key);
            if (signingKey.isPresent() && "HS256".equals(signingKey.algorithm())) {
                return Optional.of(GripSigVerifier.of(signingKey, verifyIss));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "GripUrl[" + controlUri + (iss == null ? "" : ", iss=" + iss) + (key == null ? "" : ", key=***")
                + (user == null ? "" : ", user=" + user) + (password == null ? "" : ", password=***")
                + (verifyIss == null ? "" : ", verify-iss=" + verifyIss)
                + (verifyKey == null ? "" : ", verify-key=(" + verifyKey.length() + " chars)") + "]";
    }

    private static List<String[]> queryParams(String rawQuery) {
        List<String[]> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.add(new String[] {name, value});
        }
        return params;
    }

    /** Removes every {@code name} parameter and returns the first one's value, as URLSearchParams get + delete. */
    private static String take(List<String[]> params, String name) {
        String value = null;
        for (String[] p : params) {
            if (p[0].equals(name)) {
                value = p[1];
                break;
            }
        }
        params.removeIf(p -> p[0].equals(name));
        return value;
    }

    private static String encodeQuery(List<String[]> params) {
        StringBuilder out = new StringBuilder();
        for (String[] p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /**
     * Percent-encodes characters a URI may not hold but a browser-style URL parser accepts (spaces, quotes,
     * braces, non-ASCII), so {@code ?verify-key={"kty":"EC",...}} written raw still parses.
     */
    private static String escapeIllegal(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** Percent-decoding without turning {@code +} into a space (user info is not form-encoded). */
    private static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
