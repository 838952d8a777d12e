package dev.tack.proxy.filter;

/** What a filter acts on (Pushpin's {@code Filter::Targets}). */
public enum FilterTarget {
    /** Whether a message reaches the subscriber at all: {@code skip-self}, {@code skip-users}, ... */
    MESSAGE_DELIVERY,
    /** A published message's content; the publisher's {@code content-filters} must name these. */
    MESSAGE_CONTENT,
    /** The hold's first response body and the bodies of next links ({@code build-id} only). */
    RESPONSE_CONTENT
}
