package dev.tack.proxy.history;

import dev.tack.api.publish.Action;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.delivery.PreparedItem;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code history_sse_ids}: an SSE event that carries no {@code id:} line gets one, Tack's position, so a browser's
 * {@code EventSource} sends it back as {@code Last-Event-ID} when it reconnects, with no change to the publisher
 * (docs/history.md "Ids for SSE"). Only whole events are touched: {@code http-stream} content that ends with a blank
 * line, has no {@code id} field, and names no {@code content-filters} (filters such as {@code build-id} write ids of
 * their own). This changes the bytes the client gets, so it is off by default.
 */
final class SseIds {

    private SseIds() {
    }

    /**
     * {@code item} with {@code id: <id>} before its content, or {@code item} itself when it is left alone.
     *
     * @param id the id, asked for only when the item gets one (most events of publishers that write ids do not)
     * @return a new prepared item the caller owns (release it), or {@code item}
     */
    static PreparedItem inject(PreparedItem item, Supplier<String> id, ByteBufAllocator alloc) {
        HttpStreamFormat format = item.httpStream();
        if (format == null || format.action() != Action.SEND || format.contentFilters() != null
                || !completeEvents(format.content()) || hasId(format.content())) {
            return item;
        }
        byte[] line = ("id: " + id.get() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[line.length + format.content().length];
        System.arraycopy(line, 0, content, 0, line.length);
        System.arraycopy(format.content(), 0, content, line.length, format.content().length);
        PublishItem original = item.item();
        PublishItem withId = new PublishItem(original.channel(), original.id(), original.prevId(), original.meta(),
                original.noSeq(), null, new HttpStreamFormat(Action.SEND, content), null);
        return PreparedItem.prepare(withId, alloc, item.position());
    }

    /** An event that sets only the last event id ({@code id: <id>} and a blank line): it fires nothing. */
    static byte[] idOnly(String id) {
        return ("id: " + id + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code content} ends an event: it ends with a blank line. */
    static boolean completeEvents(byte[] content) {
        int n = content.length;
        return n >= 2 && (content[n - 1] == '\n' && (content[n - 2] == '\n'
                || n >= 4 && content[n - 2] == '\r' && content[n - 3] == '\n' && content[n - 4] == '\r')
                || content[n - 1] == '\r' && content[n - 2] == '\r');
    }

    /** Whether any line of {@code content} is an {@code id} field ({@code id: 7}, {@code id:7} or {@code id}). */
    static boolean hasId(byte[] content) {
        int line = 0;
        while (line < content.length) {
            if (content.length - line >= 2 && content[line] == 'i' && content[line + 1] == 'd'
                    && (line + 2 == content.length || content[line + 2] == ':' || content[line + 2] == '\n'
                    || content[line + 2] == '\r')) {
                return true;
            }
            while (line < content.length && content[line] != '\n' && content[line] != '\r') {
                line++;
            }
            while (line < content.length && (content[line] == '\n' || content[line] == '\r')) {
                line++;
            }
        }
        return false;
    }
}
