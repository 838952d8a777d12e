package dev.tack.bench.client;

import dev.tack.bench.http.ContentSink;
import dev.tack.bench.http.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental {@code text/event-stream} parser following the WHATWG HTML "event stream interpretation":
 * lines end in CRLF, LF or a lone CR; a line starting with {@code :} is a comment (Pushpin's keep-alive
 * {@code :\n\n}); {@code data} lines are joined with LF; a blank line dispatches the event if it has data.
 * An {@code id} line sets the last event id, which takes effect when its event is dispatched (the value a
 * reconnecting client sends as {@code Last-Event-ID}). Other fields ({@code event}, {@code retry}) are read
 * and ignored.
 *
 * <pre>
 * :\n
 * \n
 * event: message\r\n
 * id: 7\r\n
 * data: B 7 1767225600123456\r\n
 * \r\n
 * </pre>
 *
 * <p>Input may be split anywhere, including between a CR and its LF. Not thread-safe; one per connection.
 */
final class SseParser implements ContentSink, ByteProcessor {
    private static final int MAX_LINE = 1 << 20;

    private final MessageSink sink;
    private byte[] line = new byte[64];
    private int lineLength;
    private boolean afterCr;
    private byte[] data = new byte[64];
    private int dataLength;
    private boolean hasData;
    private String idBuffer;
    private String lastEventId;

    SseParser(MessageSink sink) {
        this.sink = sink;
    }

    @Override
    public void content(ByteBuf buf, int index, int length) {
        buf.forEachByte(index, length, this);
    }

    @Override
    public boolean process(byte b) {
        if (afterCr) {
            afterCr = false;
            if (b == '\n') {
                return true;
            }
        }
        if (b == '\r' || b == '\n') {
            afterCr = b == '\r';
            lineEnded();
        } else {
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, grow(lineLength));
            }
            line[lineLength++] = b;
        }
        return true;
    }

    private void lineEnded() {
        int n = lineLength;
        lineLength = 0;
        if (n == 0) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            return;
        }
        int colon = 0;
        while (colon < n && line[colon] != ':') {
            colon++;
        }
        boolean isData = colon == 4 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a';
        boolean isId = colon == 2 && line[0] == 'i' && line[1] == 'd';
        if (!isData && !isId) {
            return;
        }
        int valueStart = colon + 1;
        if (valueStart < n && line[valueStart] == ' ') {
            valueStart++;
        }
        if (isId) {
            idBuffer = new String(line, Math.min(valueStart, n), Math.max(0, n - valueStart),
                    StandardCharsets.ISO_8859_1);
            return;
        }
        int valueLength = Math.max(0, n - valueStart);
        if (dataLength + valueLength + 1 > data.length) {
            data = Arrays.copyOf(data, grow(dataLength + valueLength + 1));
        }
        System.arraycopy(line, Math.min(valueStart, n), data, dataLength, valueLength);
        dataLength += valueLength;
        data[dataLength++] = '\n';
        hasData = true;
    }

    /** The id of the last event dispatched, or null when no event named one. */
    String lastEventId() {
        return lastEventId;
    }

    private void dispatch() {
        // As in the HTML standard, the id is taken on every dispatch, even of an event without data.
        lastEventId = idBuffer;
        if (hasData) {
            sink.message(data, 0, dataLength - 1);
        }
        hasData = false;
        dataLength = 0;
    }

    private static int grow(int needed) {
        if (needed >= MAX_LINE) {
            throw new WireFormatException("SSE line or event longer than " + MAX_LINE
                    + " bytes (expected: events of a load test, a few hundred bytes)");
        }
        return Math.min(MAX_LINE, Math.max(needed + 1, needed * 2));
    }
}
