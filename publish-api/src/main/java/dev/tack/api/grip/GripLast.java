package dev.tack.api.grip;

import dev.tack.api.Header;
import dev.tack.api.grip.HeaderValues.Mode;
import dev.tack.api.grip.HeaderValues.Parameters;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code Grip-Last} request header: what the proxy tells the origin it has delivered, one header per channel,
 * on next-link fetches, on re-sent held requests and on {@code http-check}/{@code http-modify} filter calls:
 * <pre>
 * GET /stream/?after=3 HTTP/1.1
 * Grip-Last: fruit; last-id=7
 * Grip-Last: veg; last-id="a,b"
 * </pre>
 * The proxy writes it ({@link #headers}); an origin reads it ({@link #parse}) and answers with what came after.
 * Pushpin writes the id bare whatever it holds; Tack quotes an id that would otherwise not read back (one with a
 * comma, semicolon, quote, backslash or white space), which changes nothing for ordinary ids.
 */
public final class GripLast {

    /** The header's name. */
    public static final String NAME = "Grip-Last";

    private GripLast() {
    }

    /**
     * Returns {@code Grip-Last: <channel>; last-id=<id>} (wire text, UTF-8).
     *
     * @throws IllegalArgumentException when the channel or id holds a control char (a header cannot carry it)
     */
    public static Header header(String channel, String lastId) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(lastId, "lastId");
        if (!isSendable(channel) || !isSendable(lastId)) {
            throw new IllegalArgumentException("Grip-Last: channel " + printable(channel) + ", last-id "
                    + printable(lastId) + " (expected: no control characters)");
        }
        return new Header(NAME, HeaderValues.toWire(channel + "; last-id=" + quoteIfNeeded(lastId)));
    }

    /**
     * Returns one header per channel whose id is known, in the map's order. Channels mapped to null are left out,
     * and so are those whose name or id holds a control char (a publisher can send any id; a header cannot carry
     * such bytes, and the origin then answers as for a channel it knows nothing about).
     */
    public static List<Header> headers(Map<String, String> lastIds) {
        List<Header> out = new ArrayList<>(lastIds.size());
        for (Map.Entry<String, String> e : lastIds.entrySet()) {
            if (e.getValue() != null && isSendable(e.getKey()) && isSendable(e.getValue())) {
                out.add(header(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /**
     * Reads every {@code Grip-Last} header (comma lists too) into channel → last id, in order; a later header for
     * the same channel wins. Parts without a {@code last-id} parameter are skipped. Names and ids come back as
     * text (UTF-8 decoded).
     */
    public static Map<String, String> parse(List<Header> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Parameters p : HeaderValues.allAsParameters(headers, NAME, Mode.FIRST_IS_VALUE)) {
            String id = p.get("last-id");
            if (id != null && !p.first().isEmpty()) {
                out.put(HeaderValues.toUnicode(p.first()), HeaderValues.toUnicode(id));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Returns the key under which identical next-link fetches of many sessions are merged into one origin request
     * (Pushpin's {@code handlerengine.cpp} "auto-share"): the URI without its query and fragment, then the
     * {@code Grip-Last} values sorted. The query is left out because it may differ per client while
     * {@code Grip-Last} supersedes it.
     */
    public static String sharingKey(URI uri, List<Header> headers) {
        StringBuilder key = new StringBuilder("auto|");
        key.append(uri.getScheme()).append(':');
        if (uri.getRawAuthority() != null) {
            key.append("//").append(uri.getRawAuthority());
        }
        key.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.is(NAME)) {
                values.add(h.value());
            }
        }
        Collections.sort(values);
        for (String v : values) {
            key.append('|').append(v);
        }
        return key.toString();
    }

    /** Returns whether {@code text} can go into a header value: no control chars other than tab. */
    public static boolean isSendable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String quoteIfNeeded(String id) {
        boolean plain = true;
        for (int i = 0; i < id.length() && plain; i++) {
            char c = id.charAt(i);
            plain = c > ' ' && c != ',' && c != ';' && c != '"' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return id;
        }
        StringBuilder out = new StringBuilder(id.length() + 2).append('"');
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
