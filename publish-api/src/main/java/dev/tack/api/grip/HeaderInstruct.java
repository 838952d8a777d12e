package dev.tack.api.grip;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues.Mode;
import dev.tack.api.grip.HeaderValues.Parameters;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code Grip-*} response headers into an {@link InstructBuilder}, in Pushpin's order (so that a
 * response with several mistakes reports the same one): Grip-Hold, Grip-Channel, Grip-Timeout,
 * Grip-Expose-Headers, Grip-Keep-Alive, Grip-Set-Meta, Grip-Status, Grip-Link. The rules are listed in
 * docs/compatibility.md.
 */
final class HeaderInstruct {

    private HeaderInstruct() {
    }

    static void read(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        readHold(headers, out);
        readChannels(headers, out);
        readTimeout(headers, out);
        List<String> expose = HeaderValues.all(headers, "Grip-Expose-Headers");
        readKeepAlive(headers, out);
        readMeta(headers, out);
        readStatus(headers, out);
        GripLinks.read(headers, out);
        out.headers = exposed(headers, expose);
    }

    private static void readHold(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        String hold = HeaderValues.first(headers, "Grip-Hold");
        if (hold == null) {
            return;
        }
        out.hold = switch (hold) {
            case "response" -> HoldMode.RESPONSE;
            case "stream" -> HoldMode.STREAM;
            default -> throw new GripInstructionException("Grip-Hold must be set to either 'response' or 'stream'");
        };
    }

    private static void readChannels(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        for (Parameters p : HeaderValues.allAsParameters(headers, "Grip-Channel", Mode.FIRST_IS_VALUE)) {
            String name = HeaderValues.toUnicode(p.first());
            List<String> filters = new ArrayList<>();
            for (String f : p.getAll("filter")) {
                filters.add(HeaderValues.toUnicode(f));
            }
            if (filters.size() > GripInstructionParser.MAX_FILTERS) {
                throw new GripInstructionException("too many filters for channel '" + name + "'");
            }
            // An empty name ("a,,b" or "; prev-id=1") is a broken entry; Pushpin would subscribe to "".
            if (name.isEmpty()) {
                continue;
            }
            // A stream hold with a prev-id needs a next link; the session refuses it, not the parser (see
            // GripInstruction.prevIdWithoutNextLink), because the client gets the response body first.
            String prevId = p.get("prev-id");
            prevId = prevId == null || prevId.isEmpty() ? null : HeaderValues.toUnicode(prevId);
            out.channels.add(new ChannelSpec(name, prevId, filters));
        }
    }

    private static void readTimeout(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        String value = HeaderValues.first(headers, "Grip-Timeout");
        if (value == null) {
            return;
        }
        Integer timeout = parseInt(value);
        if (timeout == null) {
            throw new GripInstructionException("failed to parse Grip-Timeout");
        }
        if (timeout < 0) {
            throw new GripInstructionException("Grip-Timeout has invalid value");
        }
        out.timeoutSeconds = timeout;
    }

    private static void readKeepAlive(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        // First occurrence only, not comma split; the data ends at the first ';' (docs/compatibility.md "GRIP
        // instructions"). A value with
        // a broken quoted parameter is ignored, as Pushpin ignores it.
        Optional<Parameters> parsed = HeaderValues.firstAsParameters(headers, "Grip-Keep-Alive", Mode.FIRST_IS_VALUE);
        if (parsed.isEmpty()) {
            return;
        }
        Parameters p = parsed.get();
        String data = p.first();
        if (data.isEmpty()) {
            throw new GripInstructionException("Grip-Keep-Alive cannot be empty");
        }

        String mode = p.get("mode");
        if (mode == null || mode.isEmpty() || mode.equals("idle")) {
            out.keepAliveMode = KeepAliveMode.IDLE;
        } else if (mode.equals("interval")) {
            out.keepAliveMode = KeepAliveMode.INTERVAL;
        } else {
            throw new GripInstructionException("no such Grip-Keep-Alive mode '" + mode + "'");
        }

        if (p.contains("timeout")) {
            Integer timeout = parseInt(p.get("timeout"));
            if (timeout == null) {
                throw new GripInstructionException("failed to parse Grip-Keep-Alive timeout value");
            }
            if (timeout < 0) {
                throw new GripInstructionException("Grip-Keep-Alive timeout has invalid value");
            }
            out.keepAliveTimeout = timeout;
        } else {
            out.keepAliveTimeout = GripInstructionParser.DEFAULT_TIMEOUT;
        }

        String format = p.get("format");
        if (format == null || format.isEmpty() || format.equals("raw")) {
            out.keepAliveData = HeaderValues.wireBytes(data);
        } else if (format.equals("cstring")) {
            out.keepAliveData = unescapeCString(HeaderValues.wireBytes(data));
            if (out.keepAliveData == null) {
                throw new GripInstructionException("failed to parse Grip-Keep-Alive cstring format");
            }
        } else if (format.equals("base64")) {
            out.keepAliveData = JsonFields.decodeBase64(data);
        } else {
            throw new GripInstructionException("no such Grip-Keep-Alive format '" + format + "'");
        }
    }

    private static void readMeta(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        for (Parameters p : HeaderValues.allAsParameters(headers, "Grip-Set-Meta", Mode.ALL_PARAMETERS)) {
            if (p.isEmpty()) {
                throw new GripInstructionException("Grip-Set-Meta cannot be empty");
            }
            // Only the first k=v of each comma part counts.
            HeaderValues.Parameter kv = p.list().get(0);
            out.meta.put(HeaderValues.toUnicode(kv.name()),
                    kv.value() == null ? "" : HeaderValues.toUnicode(kv.value()));
        }
    }

    private static void readStatus(List<Header> headers, InstructBuilder out) throws GripInstructionException {
        String value = HeaderValues.first(headers, "Grip-Status");
        if (value == null || value.isEmpty()) {
            return;
        }
        int space = value.indexOf(' ');
        Integer code = parseInt(space < 0 ? value : value.substring(0, space));
        if (code == null || code < 0 || code > 999) {
            throw new GripInstructionException("Grip-Status contains invalid status code");
        }
        out.status = code;
        out.reason = space < 0 ? "" : value.substring(space + 1);
    }

    // The stored response keeps only the exposed headers when Grip-Expose-Headers is given (docs/compatibility.md "GRIP
    // instructions").
    private static List<Header> exposed(List<Header> headers, List<String> expose) {
        List<Header> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            if (InstructBuilder.isGripHeader(h.name())) {
                continue;
            }
            if (!expose.isEmpty() && expose.stream().noneMatch(h::is)) {
                continue;
            }
            out.add(h);
        }
        return out;
    }

    /**
     * Undoes C-string escapes: {@code \\}, {@code \r}, {@code \n} and {@code \xHH}. Any other escaped char is
     * dropped (as Pushpin drops it). Returns null for a trailing lone backslash or a bad {@code \x}.
     */
    static byte[] unescapeCString(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int n = 0; n < in.length; n++) {
            if (in[n] != '\\') {
                out.write(in[n]);
                continue;
            }
            if (++n >= in.length) {
                return null;
            }
            switch (in[n]) {
                case '\\' -> out.write('\\');
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 'x' -> {
                    if (n + 2 >= in.length) {
                        return null;
                    }
                    int hi = Character.digit(in[n + 1], 16);
                    int lo = Character.digit(in[n + 2], 16);
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    out.write((hi << 4) | lo);
                    n += 2;
                }
                default -> {
                    // unknown escape: dropped
                }
            }
        }
        return out.toByteArray();
    }

    /** Parses a decimal int as Qt's toInt does (surrounding whitespace and a sign allowed); null if it is not one. */
    static Integer parseInt(String s) {
        if (s == null) {
            return null;
        }
        String t = HeaderValues.trim(s);
        if (!t.matches("[+-]?[0-9]{1,10}")) {
            return null;
        }
        long v = Long.parseLong(t);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }
}
