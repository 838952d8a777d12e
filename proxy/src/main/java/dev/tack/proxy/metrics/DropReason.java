package dev.tack.proxy.metrics;

import java.util.Locale;

/** Why a published item did not reach a subscriber: the {@code reason} label of {@code tack_drops_total}. */
public enum DropReason {
    /**
     * A slow client's outbox was full ({@code [tack] outbox_max_messages} or {@code outbox_max_bytes}); counted per
     * subscriber.
     */
    OUTBOX_FULL,
    /**
     * An event loop had too many publishes waiting (items or bytes) and skipped new ones; counted per item and
     * loop.
     */
    LOOP_BACKLOG,
    /**
     * Items still waiting for a subscriber that was disconnected for not keeping up ({@code [tack]
     * write_timeout}); counted per subscriber.
     */
    SLOW_CONSUMER,
    /** The item repeated an id seen within {@code id_cache_ttl}. */
    DUPLICATE_ID,
    /** The item's {@code prev-id} never arrived within {@code message_wait}. */
    OUT_OF_ORDER,
    /** A channel past {@code connection_subscription_max} was not subscribed, so its items never arrive. */
    SUBSCRIPTION_LIMIT,
    /**
     * A subscription's filter dropped the item or failed on it, or its {@code content-filters} did not match the
     * subscription's (docs/compatibility.md "Reliable GRIP"); counted per subscriber.
     */
    FILTERED,
    /**
     * The item's {@code prev-id} did not follow the id the hold last delivered on its channel; the hold re-syncs
     * through its origin instead (docs/compatibility.md "Reliable GRIP"); counted per subscriber.
     */
    LAST_ID_MISMATCH;

    /** The label value: the name in lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
