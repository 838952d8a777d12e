package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.testing.DrivenTime;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.RawWebSocket;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.WohOrigin;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client that floods a WebSocket-over-HTTP connection with empty frames while the origin stalls: Tack stops
 * reading it once its queue for the origin is full (so memory stays bounded however small the frames are: every
 * frame counts for its holder too), and when the origin never answers the client is closed with 1011.
 */
class WebSocketOverHttpFloodTest {

    /** 3,000,000 empty frames, 18 MB on the wire: far more than Tack may queue or the sockets buffer. */
    private static final int FRAMES = 3_000_000;
    /** Past this, Tack has kept reading: the client's small send buffer and Tack's socket hold far less. */
    private static final long READ_ON = 4_000_000;

    @Test
    void floodOfEmptyFramesAgainstAStalledOriginStaysBoundedAndEndsWith1011() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        DrivenTime time = new DrivenTime();
        OriginServer server = new OriginServer();
        new WohOrigin(server, "/ws", request -> {
            if (request.isOpening()) {
                return new WsOverHttpResponse().accept();
            }
            try {
                stalled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new WsOverHttpResponse();
        });
        try (server; TackFixture tack = TackFixture.start(List.of("* 127.0.0.1:" + server.port() + ",over_http"),
                s -> s, time); RawWebSocket client = RawWebSocket.connect(tack.clientPort(), "/ws", null, 64 * 1024)) {
            assertTrue(client.handshakeAnswer().startsWith("HTTP/1.1 101"), client.handshakeAnswer());
            AtomicLong written = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            Thread flood = new Thread(() -> {
                byte[] empty = RawWebSocket.frame(0x1, false, new byte[0]);
                byte[] chunk = new byte[empty.length * 10_000];
                for (int i = 0; i < 10_000; i++) {
                    System.arraycopy(empty, 0, chunk, i * empty.length, empty.length);
                }
                try {
                    for (int sent = 0; sent < FRAMES; sent += 10_000) {
                        client.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                    done.set(true);
                } catch (IOException closed) {
                    // Tack closed the connection at the end of the test
                }
            }, "flood");
            flood.setDaemon(true);
            flood.start();

            // Tack stops reading once its queue is full: the flood stalls in the socket buffers instead of ending up
            // in Tack's heap. (Without the bound it would be read on and on, past READ_ON.)
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long now = written.get();
                boolean unchanged = now == last[0];
                last[0] = now;
                return done.get() || unchanged || now > READ_ON;
            });
            assertFalse(done.get() || written.get() > READ_ON,
                    "Tack read on: " + written.get() + " bytes of empty frames sent while the origin stalled");

            // The origin never answers: after the reply timeout the client gets a close frame with 1011.
            tack.advance(Duration.ofSeconds(31));
            assertEquals(1011, client.readUntilClose().closeCode());
            stalled.countDown();
        }
    }
}
