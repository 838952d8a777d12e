package dev.tack.proxy.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings Tack logs once at start-up about settings that trust too much (docs/reliability.md "Safer
 * defaults"): the shipped {@code sig_key}, a publish or metrics port reachable from other hosts without
 * credentials, a client's {@code X-Forwarded-Proto} trusted, and ZeroMQ inputs, which carry no credentials at all.
 */
final class StartupWarnings {

    /** The {@code sig_key} Pushpin's and Tack's shipped configs carry. */
    static final String SHIPPED_SIG_KEY = "changeme";

    private StartupWarnings() {
    }

    /**
     * @param publish where the publish API listens
     * @param metrics where the metrics port listens, or null
     */
    static List<String> of(ServerSettings settings, InetSocketAddress publish, InetSocketAddress metrics) {
        List<String> out = new ArrayList<>();
        if (settings.sigKey().equals(SHIPPED_SIG_KEY)) {
            out.add("[proxy] sig_key is the shipped value \"" + SHIPPED_SIG_KEY + "\": anyone can sign a Grip-Sig "
                    + "your origins accept as Tack's; set a secret of your own (or an empty sig_key for none)");
        }
        boolean credentials = settings.publish().credentialsRequired();
        if (!credentials && !isLoopback(publish)) {
            out.add("the publish API on " + show(publish) + " is reachable from other hosts and needs no credentials: "
                    + "anyone who reaches it can publish; set [tack] publish_bearer_token (or another publish "
                    + "credential), or [handler] push_in_http_addr=127.0.0.1");
        }
        if (metrics != null && settings.admin().bearerToken().isEmpty() && !isLoopback(metrics)) {
            out.add("the metrics port on " + show(metrics) + " is reachable from other hosts and needs no token: its "
                    + "status page names channels and clients; set [tack] admin_bearer_token, or bind prometheus_port "
                    + "to 127.0.0.1");
        }
        if (settings.forwarding().acceptXForwardedProtocol()) {
            out.add("[proxy] accept_x_forwarded_protocol is on: any client can mark its request as TLS by sending "
                    + "X-Forwarded-Proto: https; turn it on only behind a proxy that sets that header itself");
        }
        var zmq = settings.zmq();
        List<String> openSpecs = new ArrayList<>();
        for (String spec : bound(zmq.pushInSpec(), zmq.commandSpec(),
                zmq.pushInSubConnect() ? List.of() : zmq.pushInSubSpecs())) {
            if (!loopbackSpec(spec)) {
                openSpecs.add(spec);
            }
        }
        if (!openSpecs.isEmpty()) {
            out.add("ZeroMQ inputs bound beyond this host (" + String.join(", ", openSpecs) + "): ZeroMQ publishes "
                    + "carry no credentials, so anyone who reaches them can publish; bind them to 127.0.0.1 or set "
                    + "them empty to turn them off");
        } else if (credentials && zmq.enabled()) {
            out.add("publish credentials do not cover the ZeroMQ inputs (push_in_spec, push_in_sub_specs, "
                    + "command_spec), which have none: any local process can publish through them; set them empty "
                    + "to turn them off");
        }
        return out;
    }

    private static List<String> bound(String pull, String command, List<String> subs) {
        List<String> out = new ArrayList<>();
        if (!pull.isEmpty()) {
            out.add(pull);
        }
        if (!command.isEmpty()) {
            out.add(command);
        }
        out.addAll(subs);
        return out;
    }

    /** Whether a ZeroMQ endpoint stays on this host: {@code ipc://}, or {@code tcp://} on a loopback address. */
    static boolean loopbackSpec(String spec) {
        if (spec.startsWith("ipc://") || spec.startsWith("inproc://")) {
            return true;
        }
        try {
            String host = URI.create(spec.replace(":*", ":0")).getHost();
            return host != null && !host.equals("*") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    static boolean isLoopback(InetSocketAddress address) {
        return address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    private static String show(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
