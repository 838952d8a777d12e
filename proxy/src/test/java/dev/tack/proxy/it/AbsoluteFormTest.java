package dev.tack.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An absolute-form request ({@code GET http://example.com/api/s}, as proxies receive them) is routed exactly as its
 * origin-form twin ({@code GET /api/s} with {@code Host: example.com}): by the path the origin is asked for, and by
 * the host the request target names (RFC 9112 §3.2.2).
 */
class AbsoluteFormTest {

    @Test
    void absoluteFormRequestIsRoutedAsItsOriginFormTwin() throws Exception {
        try (OriginServer api = new OriginServer(); OriginServer other = new OriginServer();
                TackFixture tack = TackFixture.start(List.of(
                        "*,path_beg=/api/ 127.0.0.1:" + api.port(),
                        "admin.example,path_beg=/admin/ 127.0.0.1:" + api.port(),
                        "* 127.0.0.1:" + other.port()))) {
            api.on("/api/s", r -> Reply.of(200, "api\n"));
            api.on("/admin/x", r -> Reply.of(200, "admin\n"));
            other.on("/api/s", r -> Reply.of(200, "other\n"));

            assertEquals("api\n", body(tack, "GET /api/s HTTP/1.1\r\nHost: example.com\r\n"));
            assertEquals("api\n", body(tack, "GET http://example.com/api/s HTTP/1.1\r\nHost: example.com\r\n"));
            // The host in the target wins over the Host header.
            assertEquals("admin\n", body(tack, "GET http://ADMIN.example:8080/admin/x HTTP/1.1\r\nHost: elsewhere.org\r\n"));
            assertEquals("/api/s", api.received().get(1).uri());
            assertEquals("example.com", api.received().get(1).header("Host"));
            assertEquals("ADMIN.example:8080", api.received().get(2).header("Host"));
            assertTrue(other.received().isEmpty());
        }
    }

    /** Sends one request on a fresh connection and returns the response body. */
    private static String body(TackFixture tack, String head) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tack.clientPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
