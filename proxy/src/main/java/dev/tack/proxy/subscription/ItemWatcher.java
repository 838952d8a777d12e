package dev.tack.proxy.subscription;

import dev.tack.api.publish.PublishItem;
import java.util.Collection;

/**
 * Told of every published item the registry hands to the event loops, in the order the node delivers them, and of
 * every {@code recover}: what a node-wide view of each channel's last published id needs (the holds' prev-id
 * checks, docs/compatibility.md "Reliable GRIP"). Set one with {@link SubscriptionRegistry#watch} before the first
 * publish.
 *
 * <p>Calls come from whichever thread publishes (under the receiving node's sequencing, so a channel's items arrive
 * in order): a watcher must be thread safe, return quickly and never block.
 */
public interface ItemWatcher {

    /** {@code item} is about to reach the subscribers of its channel. */
    void published(PublishItem item);

    /** {@code recover} ran on {@code channels} (on every channel when null): their last ids no longer count. */
    void recovered(Collection<String> channels);

    /** A watcher that ignores everything. */
    ItemWatcher NONE = new ItemWatcher() {
        @Override
        public void published(PublishItem item) {
        }

        @Override
        public void recovered(Collection<String> channels) {
        }
    };
}
