package dev.tack.proxy.engine;

import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.StreamPosition;

/**
 * What travels on the bus (Redis PUB/SUB message, NATS message payload): one header line, then a JSON body.
 * An item is a publish body with one item, as Tack's publish API takes it:
 * <pre>
 * tack1 item from=box1-4711
 * {"items":[{"channel":"news","id":"7","formats":{"http-stream":{"content":"data: hi\n\n"}}}]}
 * </pre>
 * and a command names itself and its target:
 * <pre>
 * tack1 command from=box1-4711
 * {"command":"refresh","channel":"news"}
 * </pre>
 * The header's {@code key=value} words after the kind are extensible: a reader ignores keys it does not know, so
 * a later version can add one without breaking older nodes. An item stored in its channel's Redis stream carries
 * its position there (docs/history.md "Redis"), written by the same script that stored it:
 * <pre>
 * tack1 item from=box1-4711 offset=42 epoch=k3x9qa7
 * </pre>
 * {@link BusCodec} writes and reads them.
 */
public sealed interface BusMessage {

    /** The version word every message starts with. */
    String VERSION = "tack1";

    /** The node that sent it, from the header; empty when the header had none. */
    String from();

    /**
     * A published item.
     *
     * @param position where the item sits in its channel's stream, or null when it was not stored
     */
    record Item(PublishItem item, String from, StreamPosition position) implements BusMessage {
        public Item(PublishItem item, String from) {
            this(item, from, null);
        }
    }

    /** A node-wide command. */
    record Command(NodeCommand command, String from) implements BusMessage {
    }
}
