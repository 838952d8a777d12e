package dev.tack.bench.client;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a subscriber holds its subscription, and the path it asks for. The paths are the ones the bench GRIP
 * origin answers ({@code bench origin}): the proxy forwards them unchanged.
 */
public enum Transport {
    /** WebSocket; the origin subscribes it with a {@code c:} control message over WebSocket-over-HTTP. */
    WS("ws"),
    /** Server-sent events ({@code Grip-Hold: stream}, {@code text/event-stream}). */
    SSE("sse"),
    /** A plain chunked HTTP stream ({@code Grip-Hold: stream}), one message per line. */
    STREAM("stream"),
    /** Long-polling ({@code Grip-Hold: response}); asks again after every response. */
    POLL("poll");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return label;
    }

    /** The request path for {@code channel}, e.g. {@code /sse/bench-0}. */
    public String path(String channel) {
        return "/" + label + "/" + channel;
    }

    /**
     * The transport named {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Transport parse(String name) {
        for (Transport t : values()) {
            if (t.label.equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport: '" + name + "' (expected one of: "
                + Arrays.stream(values()).map(Transport::label).collect(Collectors.joining(", ")) + ")");
    }
}
