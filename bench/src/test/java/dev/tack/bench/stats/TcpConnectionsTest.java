package dev.tack.bench.stats;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TcpConnectionsTest {
    private static final String TABLE = String.join("\n",
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1F9A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1",
            "   1: 0100007F:E1F2 0100007F:1F9A 01 00000000:00000000 00:00000000 00000000     0        0 1002 1",
            "   2: 0100007F:1F9A 0100007F:E1F2 01 00000000:00000000 00:00000000 00000000     0        0 1003 1",
            "   3: 0100007F:E1F4 0100007F:1F9A 06 00000000:00000000 00:00000000 00000000     0        0 0 3",
            "   4: 0100007F:E1F6 0100007F:1F9B 01 00000000:00000000 00:00000000 00000000     0        0 1004 1",
            "");

    @Test
    void onlyEstablishedSocketsWithThatRemotePortCount() {
        // 1F9A = 8090: the listener (0A), the origin's own side (local port), TIME_WAIT (06) and another
        // remote port are not connections of a proxy to its origin.
        assertEquals(Set.of(1002L), TcpConnections.inodesTo(TABLE, 8090));
        assertEquals(Set.of(1004L), TcpConnections.inodesTo(TABLE, 8091));
        assertEquals(Set.of(), TcpConnections.inodesTo(TABLE, 80));
    }

    @Test
    void countsThisProcesssOwnConnections() throws Exception {
        long self = ProcessHandle.current().pid();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                Socket a = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket b = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket acceptedA = server.accept();
                Socket acceptedB = server.accept()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> TcpConnections.established(List.of(self), server.getLocalPort()) == 2);
        }
        assertEquals(0, TcpConnections.established(List.of(), 1));
    }
}
