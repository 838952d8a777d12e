package dev.tack.api.grip;

import java.util.List;
import java.util.Objects;

/**
 * One channel a hold subscribes to: {@code Grip-Channel: name; prev-id=<id>; filter=<f>} (docs/compatibility.md "GRIP
 * instructions") or a grip-instruct {@code hold.channels[]} entry.
 *
 * @param name the channel name (text, as publishers spell it)
 * @param prevId the id of the last item the origin has seen on this channel, or null
 * @param filters filter names in order (at most {@value GripInstructionParser#MAX_FILTERS})
 */
public record ChannelSpec(String name, String prevId, List<String> filters) {
    public ChannelSpec {
        Objects.requireNonNull(name, "name");
        filters = List.copyOf(filters);
    }

    /** Returns a channel with no prev-id and no filters. */
    public static ChannelSpec of(String name) {
        return new ChannelSpec(name, null, List.of());
    }
}
