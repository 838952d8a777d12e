package dev.tack.bench.http;

import io.netty.buffer.ByteBuf;

/** Receives the content bytes of a body, a slice at a time, in order. */
@FunctionalInterface
public interface ContentSink {
    /**
     * Takes {@code buf[index, index + length)}. The buffer stays owned by the caller and is only valid during
     * the call: copy what must be kept, do not retain or release it.
     */
    void content(ByteBuf buf, int index, int length);
}
