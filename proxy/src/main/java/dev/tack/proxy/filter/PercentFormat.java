package dev.tack.proxy.filter;

import java.io.ByteArrayOutputStream;

/**
 * The {@code %} template language of {@code var-subst} and {@code build-id} (Pushpin's {@code format.cpp}), over
 * bytes:
 * <ul>
 *   <li>{@code %%} is a literal {@code %};
 *   <li>{@code %X}, with X an ASCII letter, is directive X without an argument;
 *   <li>{@code %(arg)X} is directive X with argument {@code arg}; inside the parentheses a backslash takes the next
 *       byte literally ({@code %(a\)b)s} names {@code a)b}); {@code %()X} counts as no argument;
 *   <li>{@code %} followed by anything else is an error.
 * </ul>
 * What a directive renders to comes from a {@link Directive}. Errors name the byte position in the template, e.g.
 * {@code No such variable 'user' at position 9}.
 */
final class PercentFormat {

    /** Renders one directive. */
    @FunctionalInterface
    interface Directive {
        /**
         * Returns the bytes for directive {@code type}.
         *
         * @param arg the argument bytes, or null when none was given
         * @throws FormatException with the reason, without a position ({@code Unknown directive 'x'})
         */
        byte[] render(char type, byte[] arg) throws FormatException;
    }

    /** A template that cannot be rendered; the message is the text a filter error carries. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The rendering of a template's complete part: {@code out} for the first {@code consumed} bytes; the rest
     * starts an unfinished directive and waits for more bytes.
     */
    record Partial(byte[] out, int consumed) {
    }

    private PercentFormat() {
    }

    /** Renders a whole template; an unfinished directive at the end is an error. */
    static byte[] render(byte[] template, Directive directive) throws FormatException {
        return process(template, directive, false).out();
    }

    /** Renders as much of a template as is complete, for content that arrives in pieces. */
    static Partial renderPartial(byte[] template, Directive directive) throws FormatException {
        return process(template, directive, true);
    }

    private static Partial process(byte[] in, Directive directive, boolean partial) throws FormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int n = 0;
        while (n < in.length) {
            if (in[n] != '%') {
                out.write(in[n++]);
                continue;
            }
            int marker = n;
            if (n + 1 >= in.length) {
                return unfinished(partial, out, marker, "Expected directive after '%' at position " + n);
            }
            char c = (char) (in[++n] & 0xff);
            if (c == '(') {
                int fieldStart = n;
                if (n + 1 >= in.length) {
                    return unfinished(partial, out, marker, "Expected character after '(' at position " + n);
                }
                ByteArrayOutputStream arg = new ByteArrayOutputStream();
                boolean closed = false;
                for (++n; n < in.length; n++) {
                    if (in[n] == '\\') {
                        if (n + 1 >= in.length) {
                            return unfinished(partial, out, marker, "Expected character after '\\' at position " + n);
                        }
                        arg.write(in[++n]);
                    } else if (in[n] == ')') {
                        closed = true;
                        break;
                    } else {
                        arg.write(in[n]);
                    }
                }
                if (!closed) {
                    return unfinished(partial, out, marker, "Unterminated field starting at position " + fieldStart);
                }
                if (n + 1 >= in.length) {
                    return unfinished(partial, out, marker, "Expected directive after ')' at position " + n);
                }
                n++;
                write(out, directive, (char) (in[n] & 0xff), arg.size() == 0 ? null : arg.toByteArray(), n);
            } else if (c == '%') {
                out.write('%');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                write(out, directive, c, null, n);
            } else {
                throw new FormatException("Unknown directive '" + c + "' at position " + n);
            }
            n++;
        }
        return new Partial(out.toByteArray(), in.length);
    }

    private static void write(ByteArrayOutputStream out, Directive directive, char type, byte[] arg, int position)
            throws FormatException {
        byte[] rendered;
        try {
            rendered = directive.render(type, arg);
        } catch (FormatException e) {
            throw new FormatException(e.getMessage() + " at position " + position);
        }
        out.write(rendered, 0, rendered.length);
    }

    private static Partial unfinished(boolean partial, ByteArrayOutputStream out, int marker, String error)
            throws FormatException {
        if (!partial) {
            throw new FormatException(error);
        }
        return new Partial(out.toByteArray(), marker);
    }
}
