package dev.tack.proxy.delivery;

import java.util.function.IntConsumer;

/** What an {@link Outbox} reports: messages it dropped, and how many wait in it (for metrics). */
public interface OutboxEvents {

    /** {@code count} messages were dropped because the outbox was full. */
    void dropped(int count);

    /** The number of waiting messages changed by {@code delta} (positive: queued; negative: written or released). */
    void queued(int delta);

    /** Reports drops to {@code dropped} and nothing else. */
    static OutboxEvents dropsOnly(IntConsumer dropped) {
        return new OutboxEvents() {
            @Override
            public void dropped(int count) {
                dropped.accept(count);
            }

            @Override
            public void queued(int delta) {
            }
        };
    }
}
