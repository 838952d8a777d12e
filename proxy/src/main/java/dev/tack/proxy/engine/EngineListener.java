package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.StreamPosition;
import java.util.List;
import java.util.Set;

/**
 * What an engine reports to its node. Calls come from the engine's threads (for a bus engine, from Tack's event
 * loops, one lane per channel hash so that a channel's items keep their order); they must not block.
 */
public interface EngineListener {

    /** Items published on channels this node is subscribed to, in the engine's order per channel. */
    void onItems(List<PublishItem> items);

    /**
     * Items of which some were stored in their channel's stream on the engine (docs/history.md "Redis").
     *
     * @param positions one per item, in the same order: where it sits in its channel's stream, or null
     */
    default void onItems(List<PublishItem> items, List<StreamPosition> positions) {
        onItems(items);
    }

    /** A node-wide command sent by some node (this one included). */
    void onCommand(NodeCommand command);

    /**
     * The engine's state changed.
     *
     * @param channels for {@link EngineEvent#RESUBSCRIBED}, the channels subscribed again (publishes on them may
     *     have been missed while the engine was away); empty otherwise
     */
    void onEvent(EngineEvent event, Set<String> channels);
}
