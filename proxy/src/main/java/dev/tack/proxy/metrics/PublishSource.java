package dev.tack.proxy.metrics;

import java.util.Locale;

/** Where a publish came in: the {@code source} label of {@code tack_publish_items_total}. */
public enum PublishSource {
    /** The HTTP publish API ({@code /publish/}, {@code /service/{id}/publish/}). */
    HTTP,
    /** A ZeroMQ input (PULL, SUB, or the REP command socket). */
    ZMQ;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
