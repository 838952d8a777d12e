package dev.tack.api;

import java.util.Objects;

/**
 * One HTTP header field as it appears on the wire: a name (compared case-insensitively by whoever reads it)
 * and a value. Order and repetition of headers are kept by using lists of these.
 */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Whether this header's name equals {@code other}, ignoring case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
