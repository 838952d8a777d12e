package dev.tack.demo;

import dev.tack.api.client.GripUrl;
import dev.tack.api.sig.GripSigVerifier;
import dev.tack.demo.web.GripGuard;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How the demo origins run, from the command line:
 * <pre>
 * --port 8080                        where to listen (0: any free port)
 * --bind 127.0.0.1                   which address to listen on (0.0.0.0 for all)
 * --grip-url http://127.0.0.1:5561/  where the Q&amp;A board and the examples publish (a GRIP URL)
 * --verify-key changeme              the key Grip-Sig must be signed with ("" accepts any Grip-Sig)
 * --verify-iss pushpin               the issuer Grip-Sig must carry (default: any)
 * --fastly-service-id local          the counter publishes to &lt;grip-url host&gt;/service/&lt;id&gt;/publish/ ...
 * --fastly-key devtoken              ... with Fastly-Key: &lt;key&gt;
 * </pre>
 * When {@code --grip-url} is itself a Fastly service URL ({@code .../service/ID?key=TOKEN}), the counter uses it
 * as is.
 */
public record DemoConfig(String bindHost, int port, String gripUrl, String verifyKey, String verifyIss,
        String fastlyServiceId, String fastlyKey) {

    static final String USAGE = String.join("\n",
            "Usage: java -jar tack-demo-origins.jar [options]",
            "  --port N                 listen port (default 8080; 0 picks a free port)",
            "  --bind ADDRESS           listen address (default 127.0.0.1)",
            "  --grip-url URL           GRIP URL to publish to (default http://127.0.0.1:5561/)",
            "  --verify-key KEY         Grip-Sig verify key (default changeme; \"\" accepts any Grip-Sig)",
            "  --verify-iss ISS         Grip-Sig issuer to require (default: any)",
            "  --fastly-service-id ID   service id of the counter's Fastly-style publishes (default local)",
            "  --fastly-key KEY         Fastly-Key of the counter's publishes (default devtoken)",
            "  --help                   this text");

    public DemoConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(gripUrl, "gripUrl");
        Objects.requireNonNull(verifyKey, "verifyKey");
        Objects.requireNonNull(verifyIss, "verifyIss");
        Objects.requireNonNull(fastlyServiceId, "fastlyServiceId");
        Objects.requireNonNull(fastlyKey, "fastlyKey");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " (expected: 0-65535)");
        }
        if (fastlyServiceId.isEmpty() || !fastlyServiceId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("--fastly-service-id: \"" + fastlyServiceId
                    + "\" (expected: letters, digits, '-' or '_')");
        }
        try {
            GripUrl.parse(gripUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--grip-url: " + e.getMessage(), e);
        }
        if (!verifyKey.isEmpty()) {
            try {
                GripSigVerifier.of(verifyKey, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--verify-key: " + e.getMessage(), e);
            }
        }
    }

    /** Port 8080 on loopback, publishing to a local Tack or Pushpin, verifying Tack's default signature. */
    public static DemoConfig defaults() {
        return new DemoConfig("127.0.0.1", 8080, "http://127.0.0.1:5561/", "changeme", "", "local", "devtoken");
    }

    /**
     * Reads the flags ({@code --name value} or {@code --name=value}) over the defaults.
     *
     * @throws IllegalArgumentException naming the flag and what was expected
     */
    public static DemoConfig parse(List<String> args) {
        DemoConfig c = defaults();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(arg + ": no value (expected: " + arg + " VALUE; see --help)");
            }
            c = switch (name) {
                case "--port" -> c.withPort(port(value));
                case "--bind" -> new DemoConfig(value, c.port, c.gripUrl, c.verifyKey, c.verifyIss,
                        c.fastlyServiceId, c.fastlyKey);
                case "--grip-url" -> c.withGripUrl(value);
                case "--verify-key" -> c.withVerifyKey(value);
                case "--verify-iss" -> new DemoConfig(c.bindHost, c.port, c.gripUrl, c.verifyKey, value,
                        c.fastlyServiceId, c.fastlyKey);
                case "--fastly-service-id" -> new DemoConfig(c.bindHost, c.port, c.gripUrl, c.verifyKey, c.verifyIss,
                        value, c.fastlyKey);
                case "--fastly-key" -> new DemoConfig(c.bindHost, c.port, c.gripUrl, c.verifyKey, c.verifyIss,
                        c.fastlyServiceId, value);
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (expected: --port, --bind, --grip-url, --verify-key, --verify-iss, --fastly-service-id, "
                        + "--fastly-key or --help)");
            };
        }
        return c;
    }

    public DemoConfig withPort(int newPort) {
        return new DemoConfig(bindHost, newPort, gripUrl, verifyKey, verifyIss, fastlyServiceId, fastlyKey);
    }

    public DemoConfig withGripUrl(String newGripUrl) {
        return new DemoConfig(bindHost, port, newGripUrl, verifyKey, verifyIss, fastlyServiceId, fastlyKey);
    }

    public DemoConfig withVerifyKey(String newVerifyKey) {
        return new DemoConfig(bindHost, port, gripUrl, newVerifyKey, verifyIss, fastlyServiceId, fastlyKey);
    }

    /** Where to listen. */
    public InetSocketAddress bindAddress() {
        return new InetSocketAddress(bindHost, port);
    }

    /** The GRIP URL of the Q&amp;A board and the examples. */
    public GripUrl publishUrl() {
        return GripUrl.parse(gripUrl);
    }

    /** The counter's Fastly-style GRIP URL: {@code <grip-url scheme and host>/service/<id>?key=<key>}. */
    public GripUrl counterPublishUrl() {
        GripUrl url = publishUrl();
        if (url.isFastly()) {
            return url;
        }
        URI control = url.controlUri();
        return GripUrl.parse(control.getScheme() + "://" + control.getRawAuthority() + "/service/" + fastlyServiceId
                + "?key=" + URLEncoder.encode(fastlyKey, StandardCharsets.UTF_8));
    }

    /** The Grip-Sig gate of the routes that need the proxy. */
    public GripGuard guard(Clock clock) {
        if (verifyKey.isEmpty()) {
            return GripGuard.presenceOnly();
        }
        return GripGuard.verifying(GripSigVerifier.of(verifyKey, verifyIss.isEmpty() ? null : verifyIss),
                "the verify key" + (verifyIss.isEmpty() ? "" : " and issuer " + verifyIss), clock);
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port: \"" + value + "\" (expected: 0-65535)", e);
        }
    }

    @Override
    public String toString() {
        return "DemoConfig[" + bindHost + ":" + port + ", grip-url " + publishUrl() + ", verify-key "
                + (verifyKey.isEmpty() ? "none (any Grip-Sig)" : "set") + (verifyIss.isEmpty() ? "" : ", verify-iss "
                + verifyIss) + ", counter publishes to " + counterPublishUrl().publishUri() + "]";
    }
}
