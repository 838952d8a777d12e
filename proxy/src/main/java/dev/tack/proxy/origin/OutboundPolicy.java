package dev.tack.proxy.origin;

import dev.tack.proxy.route.Target;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Pushpin's outbound policy for targets marked {@code untrusted} (its runner starts the connection manager with
 * {@code --deny-out-internal}): such a target may only be reached at a public address, so that a route an outsider
 * can influence never reaches loopback, private or link-local services. Targets are trusted by default.
 */
final class OutboundPolicy {

    private OutboundPolicy() {
    }

    /** Whether {@code address} is internal: loopback, private (RFC 1918, RFC 4193), link-local, any or multicast. */
    static boolean blocked(SocketAddress address) {
        if (!(address instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return false;
        }
        InetAddress ip = socket.getAddress();
        boolean uniqueLocal = ip instanceof Inet6Address && (ip.getAddress()[0] & 0xfe) == 0xfc;
        return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()
                || ip.isMulticastAddress() || uniqueLocal;
    }

    /** A connection refused by the policy; the call tries the next target, as after any connect error. */
    static final class BlockedException extends IOException {
        private static final long serialVersionUID = 1L;

        BlockedException(Target target, SocketAddress address) {
            super("origin host/IP blocked: target " + target + " is untrusted and resolved to internal address "
                    + address);
        }
    }
}
