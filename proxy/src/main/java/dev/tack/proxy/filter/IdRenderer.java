package dev.tack.proxy.filter;

import dev.tack.proxy.filter.PercentFormat.FormatException;
import dev.tack.proxy.filter.PercentFormat.Partial;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Renders {@code build-id}'s {@code %I} directives in content that may arrive in pieces (Pushpin's
 * {@code idformat.cpp} content renderer): {@code %I} is the default id, {@code %(R2D2)I} the literal id
 * {@code R2D2}; with hex encoding each id byte becomes two lowercase hex digits ({@code C3PO} → {@code 4333504f}).
 * An unfinished directive at the end of a piece waits for the next one; {@link #finish} renders what is left and
 * fails on an unfinished directive. Not thread safe; one renderer per body.
 */
final class IdRenderer {
    private final byte[] defaultId;
    private final boolean hex;
    private byte[] pending = new byte[0];

    /**
     * @param defaultId the id for {@code %I}, or null when there is none ({@code %I} is then an error)
     * @param hex whether ids are written as hex
     */
    IdRenderer(byte[] defaultId, boolean hex) {
        this.defaultId = defaultId;
        this.hex = hex;
    }

    /** Renders the complete part of what has arrived so far. */
    byte[] update(byte[] data) throws FormatException {
        byte[] buf = concat(pending, data);
        Partial p = PercentFormat.renderPartial(buf, this::directive);
        pending = Arrays.copyOfRange(buf, p.consumed(), buf.length);
        return p.out();
    }

    /** Renders the rest; the body is over. */
    byte[] finish() throws FormatException {
        byte[] rest = pending;
        pending = new byte[0];
        return PercentFormat.render(rest, this::directive);
    }

    private byte[] directive(char type, byte[] arg) throws FormatException {
        if (type != 'I') {
            throw new FormatException("Unknown directive '" + type + "'");
        }
        byte[] id = arg != null ? arg : defaultId;
        if (id == null) {
            throw new FormatException("No ID specified and no default ID in context");
        }
        return hex ? toHex(id) : id;
    }

    private static byte[] toHex(byte[] id) {
        StringBuilder out = new StringBuilder(id.length * 2);
        for (byte b : id) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.write(a, 0, a.length);
        out.write(b, 0, b.length);
        return out.toByteArray();
    }
}
