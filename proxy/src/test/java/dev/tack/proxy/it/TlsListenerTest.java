package dev.tack.proxy.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.origin.ForwardingPolicy;
import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import dev.tack.proxy.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS listeners (docs/compatibility.md "TLS"): certificates in Pushpin's directory layout picked by the client's SNI
 * name, and SSE and {@code wss://} WebSockets end to end with the JDK's HTTP client, which checks the certificate
 * against the host name it asked for.
 */
class TlsListenerTest {

    @TempDir
    Path certs;
    private OriginServer origin;
    private TackFixture tack;
    private int port;
    private X509Certificate localhost;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        origin.on("/events", r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", "ticks",
                "Content-Type", "text/event-stream"));
        tack = TackFixture.start(List.of("*,proto=ws test", "* 127.0.0.1:" + origin.port()),
                s -> s.httpsListeners(List.of(new InetSocketAddress("127.0.0.1", 0))).certsDir(certs)
                        .forwarding(new ForwardingPolicy(false, "proto-only", "", "", "")));
        port = tack.server().httpsAddresses().get(0).getPort();
        TestCertificates.write(certs, "default_" + port, "default.test", "default.test");
        localhost = TestCertificates.write(certs, "localhost", "localhost", "localhost");
        TestCertificates.write(certs, "_.example.test", "wildcard.example.test", "*.example.test");
    }

    @AfterEach
    void stop() {
        tack.close();
        origin.close();
    }

    /** The certificate Tack shows a JDK TLS client that asks for {@code serverName} (none when null). */
    private X509Certificate presented(String serverName) throws Exception {
        SSLContext anyCertificate = SSLContext.getInstance("TLS");
        anyCertificate.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) anyCertificate.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            if (serverName != null) {
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static String commonName(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName().replace("CN=", "");
    }

    @Test
    void theClientsServerNamePicksTheCertificate() throws Exception {
        assertEquals("localhost", commonName(presented("localhost")));
        assertEquals("wildcard.example.test", commonName(presented("api.example.test")));
        assertEquals("default.test", commonName(presented("elsewhere.test")));
        assertEquals("default.test", commonName(presented(null)));
    }

    @Test
    void aRenewedCertificateIsUsedWithoutARestart() throws Exception {
        assertEquals("localhost", commonName(presented("localhost")));
        TestCertificates.write(certs, "localhost", "localhost-renewed", "localhost");
        FileTime later = FileTime.from(Instant.now().plusSeconds(5));
        Files.setLastModifiedTime(certs.resolve("localhost.crt"), later);
        Files.setLastModifiedTime(certs.resolve("localhost.key"), later);
        assertEquals("localhost-renewed", commonName(presented("localhost")));
    }

    @Test
    void aHandshakeNoCertificateFitsFails() throws Exception {
        Files.delete(certs.resolve("default_" + port + ".crt"));
        assertThrows(javax.net.ssl.SSLException.class, () -> presented("elsewhere.test"));
        assertEquals("localhost", commonName(presented("localhost")));
    }

    @Test
    void anSseStreamWorksOverTls() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.trusting(localhost))
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/events")).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertEquals("localhost", commonName((X509Certificate) response.sslSession().orElseThrow()
                .getPeerCertificates()[0]));
        assertEquals("https", origin.received().get(0).header("X-Forwarded-Proto"));
        Iterator<String> lines = response.body().iterator();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(lines::next);
        await().atMost(Duration.ofSeconds(10)).until(() -> tack.subscriptions() == 1);
        tack.publishStream("ticks", "data: 1\n\n");
        assertEquals("data: 1", first.get());
        response.body().close();
        // A client that does not trust the certificate Tack shows for its name gets no further.
        HttpClient wary = HttpClient.newBuilder().sslContext(TestCertificates.trusting(
                TestCertificates.write(certs.resolve("other"), "x", "x.test", "x.test"))).build();
        assertThrows(SSLHandshakeException.class, () -> wary.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/events")).build(), HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void aWssWebSocketWorks() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.trusting(localhost)).build();
        List<String> received = new CopyOnWriteArrayList<>();
        WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + port
                + "/ws?channel=room"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> tack.subscriptions() == 1);
        assertEquals(200, tack.publish("{\"items\":[{\"channel\":\"room\",\"formats\":{\"ws-message\":"
                + "{\"content\":\"over tls\"}}}]}").statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("over tls"));
        socket.sendText("echo me", true).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("echo me"));
        assertTrue(socket.sendClose(WebSocket.NORMAL_CLOSURE, "").isDone() || true);
    }
}
