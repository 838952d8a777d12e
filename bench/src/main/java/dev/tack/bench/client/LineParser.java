package dev.tack.bench.client;

import dev.tack.bench.http.ContentSink;
import dev.tack.bench.http.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.util.Arrays;

/**
 * Reads a plain HTTP stream ({@code Grip-Hold: stream} without SSE) line by line. Each non-empty line is one
 * message, after dropping a trailing CR and an optional {@code data:} or {@code data: } prefix, so the same
 * published {@code http-stream} content serves SSE and plain-stream subscribers alike. Lines starting with
 * {@code :} are keep-alives and skipped.
 *
 * <pre>
 * data: B 7 1767225600123456\n
 * \n
 * </pre>
 *
 * <p>Input may be split anywhere. Not thread-safe; one per connection.
 */
final class LineParser implements ContentSink, ByteProcessor {
    private static final int MAX_LINE = 1 << 20;

    private final MessageSink sink;
    private byte[] line = new byte[64];
    private int length;

    LineParser(MessageSink sink) {
        this.sink = sink;
    }

    @Override
    public void content(ByteBuf buf, int index, int length) {
        buf.forEachByte(index, length, this);
    }

    @Override
    public boolean process(byte b) {
        if (b == '\n') {
            lineEnded();
            return true;
        }
        if (length == line.length) {
            if (length >= MAX_LINE) {
                throw new WireFormatException("stream line longer than " + MAX_LINE
                        + " bytes (expected: LF-terminated messages)");
            }
            line = Arrays.copyOf(line, length * 2);
        }
        line[length++] = b;
        return true;
    }

    private void lineEnded() {
        int n = length;
        length = 0;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n == 0 || line[0] == ':') {
            return;
        }
        int start = 0;
        if (n >= 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':') {
            start = n > 5 && line[5] == ' ' ? 6 : 5;
        }
        sink.message(line, start, n - start);
    }
}
