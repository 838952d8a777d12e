package dev.tack.proxy.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tack.proxy.metrics.TackMetrics;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;

/** Frame errors become close codes: one test per kind of error. */
class WsFrameHandlerTest {

    private static int closeCodeFor(Throwable cause) {
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameHandler(null, new TackMetrics("")));
        channel.pipeline().fireExceptionCaught(cause);
        CloseWebSocketFrame close = channel.readOutbound();
        try {
            assertFalse(channel.isOpen());
            assertFalse(channel.finish());
            return close.statusCode();
        } finally {
            close.release();
        }
    }

    @Test
    void messageOverTheLimitIsClosedWith1009() {
        assertEquals(1009, closeCodeFor(new TooLongFrameException("frame of 2000000 bytes")));
    }

    @Test
    void messageThatInflatesOverTheLimitIsClosedWith1009() {
        assertEquals(1009, closeCodeFor(new DecompressionException("Decompression buffer has reached maximum size")));
    }

    @Test
    void protocolViolationIsClosedWithTheDecodersCode() {
        assertEquals(1007, closeCodeFor(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bad UTF-8")));
    }
}
