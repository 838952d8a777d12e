package dev.tack.bench.stats;

import org.HdrHistogram.Histogram;

/**
 * What one subscriber event loop measured. Every recording method must be called on that loop's thread
 * (no locks on the delivery path); {@link #received()} and {@link #ready()} may be read from any thread for
 * the progress line. Times are microseconds.
 */
public final class LoopStats {
    private final Histogram latency = new Histogram(3);
    private final Histogram repollGap = new Histogram(3);
    private final Histogram lag = new Histogram(3);
    private final Histogram handshake = new Histogram(3);
    private final Histogram reconnected = new Histogram(3);
    private final Histogram catchUp = new Histogram(3);
    private long missedAcrossReconnect;
    private final MessageArrivals arrivals = new MessageArrivals();
    private volatile long received;
    private volatile long ready;
    private long duplicates;
    private long missed;
    private long unparsed;

    /** A measured message {@code seq}, sent at {@code sentMicros}, arrived at {@code nowMicros}. */
    public void delivered(long seq, long sentMicros, long nowMicros) {
        latency.recordValue(Math.max(0, nowMicros - sentMicros));
        arrivals.add(seq, nowMicros);
        received++;
    }

    /** A subscriber saw a sequence number again or out of order. */
    public void duplicate() {
        duplicates++;
    }

    /** A subscriber's sequence jumped over {@code count} messages of its channel. */
    public void missed(long count) {
        missed += count;
    }

    /** A message arrived that is not a benchmark payload. */
    public void unparsed() {
        unparsed++;
    }

    /** A subscriber received its first probe: its subscription is live. */
    public void subscriberReady() {
        ready++;
    }

    /** A connection got its response head {@code micros} after it was started. */
    public void handshake(long micros) {
        handshake.recordValue(Math.max(0, micros));
    }

    /** A subscriber dropped in a reconnect storm got its new response head {@code micros} after starting it. */
    public void reconnected(long micros) {
        reconnected.recordValue(Math.max(0, micros));
    }

    /**
     * A subscriber dropped in a reconnect storm received the last message of its channel published before
     * the drop (or a later one) {@code micros} after the drop.
     */
    public void caughtUp(long micros) {
        catchUp.recordValue(Math.max(0, micros));
    }

    /** The first message after a storm reconnect showed that {@code count} messages were skipped across it. */
    public void missedAcrossReconnect(long count) {
        missedAcrossReconnect += count;
    }

    /** A long-poll subscriber asked again, {@code gapMicros} after its previous response ended. */
    public void repolled(long gapMicros) {
        repollGap.recordValue(Math.max(0, gapMicros));
    }

    /** The event loop ran a periodic task {@code lateMicros} after it was due. */
    public void lag(long lateMicros) {
        lag.recordValue(Math.max(0, lateMicros));
    }

    /** Forgets the loop lag recorded so far, so a phase can be measured alone. */
    public void resetLag() {
        lag.reset();
    }

    /** Measured deliveries so far; readable from any thread. */
    public long received() {
        return received;
    }

    /** Subscribers confirmed by a probe so far; readable from any thread. */
    public long ready() {
        return ready;
    }

    /** A copy of everything recorded; call on the loop's thread. */
    public LoopSnapshot snapshot() {
        return new LoopSnapshot(latency.copy(), repollGap.copy(), lag.copy(), arrivals.counts(), arrivals.latest(),
                received, ready, duplicates, missed, unparsed,
                new LoopSnapshot.Connecting(handshake.copy(), reconnected.copy(), catchUp.copy(), missedAcrossReconnect));
    }
}
