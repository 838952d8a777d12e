package dev.tack.bench.client;

import java.util.BitSet;

/**
 * What one subscriber knows across its connections: a long-poll subscriber opens a new connection when the
 * server closes after a response, and in a reconnect storm every subscriber drops its connection and opens
 * another. The new connection's handler takes this object over, so sequence checks, the probe confirmation
 * and the SSE {@code Last-Event-ID} carry on. Touched only on the subscriber's event loop (a new connection
 * of the same swarm may run on another loop, but never at the same time as the old one).
 */
final class SubscriberState {
    /** The highest measured sequence number received, or -1. */
    long lastSeq = -1;
    /**
     * Every sequence number received, so that a message overtaken by a later one still counts as delivered
     * (two publishes in flight at once on different connections have no order a proxy could keep) and only a
     * true repeat counts as a duplicate.
     */
    final BitSet seen = new BitSet();
    /** Whether a probe reached this subscriber: its subscription is live. */
    boolean ready;
    /** The id of the last SSE event received ({@code id:} line), sent back as {@code Last-Event-ID}; or null. */
    String lastEventId;
    /** When the previous long-poll response ended, or -1 before the first. */
    long responseEndMicros = -1;
    /** In a reconnect storm: when this subscriber's connection was dropped, or -1 when it was not. */
    long droppedMicros = -1;
    /**
     * In a reconnect storm: the sequence number whose arrival means this subscriber has caught up (the last
     * message of its channel published before the drop, or the first one after it), or -1 once caught up.
     */
    long catchUpSeq = -1;
    /** Whether no measured message arrived yet since this subscriber reconnected in a storm. */
    boolean firstAfterReconnect;
}
