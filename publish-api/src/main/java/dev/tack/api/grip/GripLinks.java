package dev.tack.api.grip;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues.Mode;
import dev.tack.api.grip.HeaderValues.Parameters;
import java.net.URI;
import java.util.List;

/**
 * Reads {@code Grip-Link} headers (Pushpin 1.41's {@code instruct.cpp}; docs/compatibility.md):
 * <pre>
 * Grip-Link: </stream/?after=3>; rel=next; timeout=60
 * Grip-Link: <https://origin.example/left?c=7>; rel=gone
 * </pre>
 * Every occurrence counts and each is split on commas. A part with fewer than two elements ({@code <u>} alone)
 * is skipped. Otherwise its first element must be {@code <...>} with something inside, or the whole response is
 * refused with {@code failed to parse Grip-Link value}, and what is inside must be a URI reference
 * ({@code Grip-Link contains invalid link}); this holds for every {@code rel}, also ones Tack ignores. For
 * {@code rel=next} a {@code timeout} must be an integer ({@code failed to parse Grip-Link timeout value}) and not
 * negative ({@code Grip-Link timeout has invalid value}). A later link of the same {@code rel} replaces an earlier
 * one. JSON instructs have no links; a {@code Grip-Link} header next to one still counts.
 */
final class GripLinks {

    private GripLinks() {
    }

    static void read(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        for (Parameters p : HeaderValues.allAsParameters(headers, "Grip-Link", Mode.FIRST_IS_VALUE)) {
            if (p.list().size() < 2) {
                continue;
            }
            String value = p.first();
            if (value.length() <= 2 || value.charAt(0) != '<' || value.charAt(value.length() - 1) != '>') {
                throw new GripInstructionException("failed to parse Grip-Link value");
            }
            URI link = LinkUris.parseReference(value.substring(1, value.length() - 1));
            if (link == null) {
                throw new GripInstructionException("Grip-Link contains invalid link");
            }
            String rel = p.get("rel");
            if ("next".equals(rel)) {
                out.nextLink = new NextLink(link, timeout(p));
            } else if ("gone".equals(rel)) {
                out.goneLink = link;
            }
        }
    }

    private static int timeout(Parameters p) throws GripInstructionException {
        if (!p.contains("timeout")) {
            return NextLink.DEFAULT_TIMEOUT;
        }
        Integer timeout = HeaderInstruct.parseInt(p.get("timeout"));
        if (timeout == null) {
            throw new GripInstructionException("failed to parse Grip-Link timeout value");
        }
        if (timeout < 0) {
            throw new GripInstructionException("Grip-Link timeout has invalid value");
        }
        return timeout;
    }
}
