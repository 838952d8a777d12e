package dev.tack.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.RawWebSocket;
import dev.tack.proxy.testing.TackFixture;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * With {@code allow_compression} on, the message size limit applies to the inflated message: a compressed frame
 * far under the limit that inflates to 256 MB is refused with 1009 while it inflates, and never reaches the heap.
 */
class DeflateBombTest {

    private static final int INFLATED = 256 << 20;

    @Test
    void compressedFrameThatInflatesPastTheLimitIsClosedWith1009() throws Exception {
        byte[] bomb = deflatedZeros(INFLATED);
        try (TackFixture tack = TackFixture.start(List.of("* test"), s -> s.allowCompression(true));
                RawWebSocket client = RawWebSocket.connect(tack.clientPort(), "/?channel=bomb", "permessage-deflate")) {
            assertTrue(client.handshakeAnswer().contains("permessage-deflate"), client.handshakeAnswer());
            assertTrue(bomb.length < 1_000_000, "the compressed frame itself is within the limit: " + bomb.length);
            System.gc();
            List<MemoryPoolMXBean> longLived = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported()).toList();
            long before = longLived.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            longLived.forEach(MemoryPoolMXBean::resetPeakUsage);

            client.write(RawWebSocket.frame(0x1, true, bomb));
            assertEquals(1009, client.readUntilClose().closeCode());

            long peak = longLived.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            assertTrue(peak - before < 128L << 20, "the long-lived heap grew by " + ((peak - before) >> 20) + " MB");
        }
    }

    /** {@code size} zero bytes as one permessage-deflate message: raw DEFLATE, sync-flushed, tail removed. */
    private static byte[] deflatedZeros(int size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[64 << 10];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int fed = 0; fed < size; fed += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        deflater.end();
        byte[] message = out.toByteArray();
        return Arrays.copyOf(message, message.length - 4);
    }
}
