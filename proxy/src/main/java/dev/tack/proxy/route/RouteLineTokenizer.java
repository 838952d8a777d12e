package dev.tack.proxy.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one routes line into {@link RouteSection}s (docs/compatibility.md "Routes"):
 * <ul>
 * <li>sections are separated by spaces (and tabs); an unquoted {@code #} ends the line;</li>
 * <li>a section is {@code value[,prop[=val]]...};</li>
 * <li>any part may contain double-quoted text, in which spaces, commas and {@code #} are literal and the
 *     only escapes are {@code \\} and {@code \"};</li>
 * <li>a section whose first part contains {@code =} has an empty value and starts with props
 *     ({@code id=foo} is the value {@code ""} with the prop {@code id=foo}).</li>
 * </ul>
 * Errors: an unterminated quote or escape, another escape, and an empty prop or prop name
 * ({@code a,} / {@code a,,b} / {@code a,=b}). For example
 * {@code apple,organic,from="washington, \"usa\"" banana} gives {@code apple} with props
 * {@code organic} and {@code from=washington, "usa"}, then {@code banana}.
 */
final class RouteLineTokenizer {
    private final String line;
    private int pos;

    private RouteLineTokenizer(String line) {
        this.line = line;
    }

    /**
     * Returns the sections of {@code line}; none for a blank or comment line.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    static List<RouteSection> tokenize(String line) {
        return new RouteLineTokenizer(line).sections();
    }

    private List<RouteSection> sections() {
        final List<RouteSection> out = new ArrayList<>();
        while (true) {
            while (pos < line.length() && isBlank(line.charAt(pos))) {
                pos++;
            }
            if (pos >= line.length() || line.charAt(pos) == '#') {
                return out;
            }
            out.add(section());
        }
    }

    private RouteSection section() {
        final int start = pos;
        final String first = part();
        final List<RouteSection.Prop> props = new ArrayList<>();
        final String value;
        if (first.indexOf('=') >= 0) {
            // The section starts with a prop: re-read it as one. (Pushpin re-reads from before the blanks that
            // precede such a section, which makes "* id=x" an error; Tack reads what was meant.)
            pos = start;
            value = "";
            props.add(prop());
        } else {
            value = first;
        }
        while (pos < line.length() && line.charAt(pos) == ',') {
            pos++;
            props.add(prop());
        }
        return new RouteSection(value, props);
    }

    private RouteSection.Prop prop() {
        final String text = part();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty prop (expected: name or name=value after ',')");
        }
        final int eq = text.indexOf('=');
        final String name = eq < 0 ? text : text.substring(0, eq);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty prop name in '" + text + "' (expected: name=value)");
        }
        return new RouteSection.Prop(name, eq < 0 ? "" : text.substring(eq + 1));
    }

    /** Reads up to the next unquoted comma, blank, {@code #} or the end, decoding quoted text. */
    private String part() {
        final StringBuilder out = new StringBuilder();
        while (pos < line.length()) {
            final char c = line.charAt(pos);
            if (c == ',' || c == '#' || isBlank(c)) {
                break;
            }
            if (c == '"') {
                quoted(out);
            } else {
                out.append(c);
                pos++;
            }
        }
        return out.toString();
    }

    private void quoted(StringBuilder out) {
        final int open = pos++;
        while (pos < line.length()) {
            final char c = line.charAt(pos++);
            if (c == '"') {
                return;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= line.length()) {
                throw new IllegalArgumentException("unterminated escape sequence at the end of the line");
            }
            final char escaped = line.charAt(pos++);
            if (escaped != '\\' && escaped != '"') {
                throw new IllegalArgumentException("unexpected escape \\" + escaped + " (expected: \\\\ or \\\")");
            }
            out.append(escaped);
        }
        throw new IllegalArgumentException("unterminated quoted section starting at column " + (open + 1));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
