package dev.tack.proxy.metrics;

/** Where a publish came in: the {@code source} label of {@code tack_publish_items_total}. */
public enum PublishSource {
    /** The HTTP publish API ({@code /publish/}, {@code /service/{id}/publish/}). */
    HTTP("http"),
    /** A ZeroMQ input (PULL, SUB, or the REP command socket). */
    ZMQ("zmq");

    private final String label;

    PublishSource(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
