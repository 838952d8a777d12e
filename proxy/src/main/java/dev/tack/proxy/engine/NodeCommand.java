package dev.tack.proxy.engine;

import java.util.Objects;

/**
 * A command for every node sharing an engine (docs/scale-out.md "Commands"). Each node applies it to its own
 * subscribers through the {@code Subscriber} hooks of the registry.
 */
public sealed interface NodeCommand {

    /** Pushpin's {@code recover}: forget every channel's last id and ask every subscriber to re-sync. */
    record Recover() implements NodeCommand {
    }

    /** Pushpin's {@code refresh}: of every subscriber on {@code channel}, or of one connection. */
    record Refresh(String channel, String connectionId) implements NodeCommand {
        public Refresh {
            if ((channel == null) == (connectionId == null)) {
                throw new IllegalArgumentException("refresh: channel " + channel + ", connection " + connectionId
                        + " (expected: exactly one of them)");
            }
        }
    }

    /** Close one connection, wherever it is held. */
    record Close(String connectionId) implements NodeCommand {
        public Close {
            Objects.requireNonNull(connectionId, "connectionId");
        }
    }
}
