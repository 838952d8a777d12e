package dev.tack.proxy.delivery;

import dev.tack.api.publish.Action;
import dev.tack.api.publish.HttpResponseFormat;
import dev.tack.api.publish.HttpStreamFormat;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.WsMessageFormat;
import dev.tack.api.publish.WsMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * A published item with each of its formats encoded once, ready to be written to any number of
 * subscribers. Reference counted: the publisher creates it with one reference, the registry retains one per
 * event loop, and subscribers write {@code retainedDuplicate()}s of the encoded buffers, never the buffers
 * themselves.
 */
public final class PreparedItem extends AbstractReferenceCounted {

    private final PublishItem item;
    private final ByteBuf streamChunk;
    private final ByteBuf wsFrame;
    private final StreamPosition position;
    private final int size;

    private PreparedItem(PublishItem item, ByteBuf streamChunk, ByteBuf wsFrame, StreamPosition position) {
        this.item = item;
        this.streamChunk = streamChunk;
        this.wsFrame = wsFrame;
        this.position = position;
        HttpResponseFormat response = item.httpResponse();
        this.size = (streamChunk == null ? 0 : streamChunk.readableBytes())
                + (wsFrame == null ? 0 : wsFrame.readableBytes())
                + (response == null || response.body() == null ? 0 : response.body().length);
    }

    /**
     * Encodes every format of {@code item}; the result is owned by the caller. A WebSocket {@code close} without a
     * code becomes a close frame with code 1000, as Pushpin's clients see it.
     */
    public static PreparedItem prepare(PublishItem item, ByteBufAllocator alloc) {
        return prepare(item, alloc, null);
    }

    /**
     * Encodes every format of {@code item}, which sits at {@code position} in its channel's history (null when
     * the channel keeps none); the result is owned by the caller.
     */
    public static PreparedItem prepare(PublishItem item, ByteBufAllocator alloc, StreamPosition position) {
        ByteBuf chunk = null;
        HttpStreamFormat stream = item.httpStream();
        if (stream != null && stream.action() == Action.SEND && stream.content() != null) {
            chunk = WireEncoding.httpChunk(alloc, stream.content());
        }
        ByteBuf frame = null;
        WsMessageFormat ws = item.wsMessage();
        if (ws != null && (ws.action() == Action.SEND || ws.action() == Action.CLOSE)) {
            frame = ws.action() == Action.CLOSE
                    ? WireEncoding.webSocketFrame(alloc, WireEncoding.OPCODE_CLOSE,
                            WireEncoding.closePayload(ws.clientCloseCode(), ws.closeReason()))
                    : WireEncoding.webSocketFrame(alloc, opcode(ws.type()),
                            ws.content() == null ? new byte[0] : ws.content());
        }
        return new PreparedItem(item, chunk, frame, position);
    }

    private static int opcode(WsMessageType type) {
        return switch (type) {
            case TEXT -> WireEncoding.OPCODE_TEXT;
            case BINARY -> WireEncoding.OPCODE_BINARY;
            case PING -> WireEncoding.OPCODE_PING;
            case PONG -> WireEncoding.OPCODE_PONG;
        };
    }

    /**
     * The bytes this item keeps in memory while it waits: its encoded chunk and frame and its {@code http-response}
     * body (what the per-loop queues count, docs/reliability.md "Slow consumers").
     */
    public int size() {
        return size;
    }

    public PublishItem item() {
        return item;
    }

    public String channel() {
        return item.channel();
    }

    /** Where the item sits in its channel's history, or null when the channel keeps none. */
    public StreamPosition position() {
        return position;
    }

    public HttpResponseFormat httpResponse() {
        return item.httpResponse();
    }

    public HttpStreamFormat httpStream() {
        return item.httpStream();
    }

    public WsMessageFormat wsMessage() {
        return item.wsMessage();
    }

    /**
     * The {@code http-stream} content encoded as one HTTP chunk, or {@code null} when there is nothing to
     * write. Borrowed: write a {@code retainedDuplicate()}.
     */
    public ByteBuf streamChunk() {
        return streamChunk;
    }

    /**
     * The {@code ws-message} encoded as one server WebSocket frame (a close frame for the close action), or
     * {@code null}. Borrowed: write a {@code retainedDuplicate()}.
     */
    public ByteBuf wsFrame() {
        return wsFrame;
    }

    /** Takes one more reference (the same item, typed as such). */
    @Override
    public PreparedItem retain() {
        super.retain();
        return this;
    }

    @Override
    protected void deallocate() {
        if (streamChunk != null) {
            streamChunk.release();
        }
        if (wsFrame != null) {
            wsFrame.release();
        }
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        return this;
    }
}
