package dev.tack.proxy.config;

import java.net.InetSocketAddress;

/**
 * An address to listen on, written {@code [addr:]port} as in Pushpin's {@code http_port} and
 * {@code --port}: {@code 7999} (all IPv4 interfaces), {@code 127.0.0.1:7999}, {@code [::1]:7999}.
 * Port 0 asks the operating system for any free port (handy in tests); the port offset is not added to it.
 *
 * @param host an IP address or host name, IPv6 without brackets; {@code 0.0.0.0} when only a port was given
 * @param port 0-65535
 */
public record ListenAddress(String host, int port) {
    /** The host used when only a port is given, as Pushpin does. */
    public static final String ANY_HOST = "0.0.0.0";
    /** The host of listeners that only this machine should reach (the metrics port's default). */
    public static final String LOOPBACK = "127.0.0.1";

    private static final String EXPECTED = "[addr:]port, e.g. 7999, 127.0.0.1:7999 or [::1]:7999";

    public ListenAddress {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host: " + host + " (expected: an IP address or host name)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
    }

    /**
     * Parses {@code [addr:]port}; a bare port listens on {@code defaultHost}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static ListenAddress parse(String text, String defaultHost) {
        final String s = text.strip();
        final String host;
        final String port;
        if (s.startsWith("[")) {
            final int close = s.indexOf("]:");
            if (close < 2) {
                throw bad(text);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            final int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw bad(text); // a bare IPv6 address needs brackets to tell it from the port
            }
            host = colon < 0 ? defaultHost : s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        if (host.isEmpty() || port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || port.length() > 5 || Integer.parseInt(port) > 65535) {
            throw bad(text);
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    /**
     * Whether a {@code --port} value asks for TLS: Tack's {@code [addr:]port,tls} (Pushpin's {@code --port} is plain
     * HTTP only; the suffix follows its connection manager's {@code --listen addr:port,tls}).
     */
    public static boolean isTls(String portSpec) {
        return portSpec.strip().endsWith(",tls");
    }

    /** A {@code --port} value without its {@code ,tls} suffix. */
    public static String withoutTls(String portSpec) {
        String s = portSpec.strip();
        return s.endsWith(",tls") ? s.substring(0, s.length() - 4) : s;
    }

    /** Returns this address with {@code offset} added to a non-zero port. */
    public ListenAddress withPortOffset(int offset) {
        if (port == 0 || offset == 0) {
            return this;
        }
        if (port + offset > 65535) {
            throw new IllegalArgumentException(
                    "port " + port + " + port_offset " + offset + " = " + (port + offset) + " (expected: <= 65535)");
        }
        return new ListenAddress(host, port + offset);
    }

    /** Returns an unresolved-if-needed socket address for binding. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    /** Returns {@code host:port}, with brackets around an IPv6 host. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException(ConfigException.shown(text) + " (expected: " + EXPECTED + ")");
    }
}
