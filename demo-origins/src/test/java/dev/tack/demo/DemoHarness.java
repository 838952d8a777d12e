package dev.tack.demo;

import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigner;
import dev.tack.api.ws.WsEvent;
import dev.tack.api.ws.WsEventCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;

/** A demo server on a loopback port publishing to a {@link PublishRecorder}, with request helpers. */
public final class DemoHarness implements AutoCloseable {
    /** The Grip-Sig key the server verifies with (Tack's default). */
    public static final String KEY = "changeme";

    public final PublishRecorder publishes;
    public final DemoServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public DemoHarness() throws IOException {
        publishes = new PublishRecorder();
        server = DemoServer.bind(new InetSocketAddress("127.0.0.1", 0))
                .serve(DemoConfig.defaults().withGripUrl(publishes.gripUrl()), Clock.systemUTC());
    }

    /** A Grip-Sig as Tack makes it: HS256, key {@code changeme}, iss {@code pushpin}, valid for an hour. */
    public static String gripSig() {
        return new GripSigner(GripSigKey.parse(KEY, null), "pushpin").sign(System.currentTimeMillis() / 1000);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery));
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A signed WebSocket-over-HTTP request carrying {@code events} on connection {@code cid}. */
    public HttpRequest.Builder wsOverHttp(String pathAndQuery, String cid, List<WsEvent> events) {
        return request(pathAndQuery)
                .header("Content-Type", "application/websocket-events")
                .header("Accept", "application/websocket-events")
                .header("Connection-Id", cid)
                .header("Grip-Sig", gripSig())
                .POST(HttpRequest.BodyPublishers.ofByteArray(WsEventCodec.encode(events)));
    }

    /** Sends a signed WebSocket-over-HTTP request and returns the reply's events. */
    public List<WsEvent> exchange(String pathAndQuery, String cid, List<WsEvent> events) throws Exception {
        HttpResponse<byte[]> response = sendBytes(wsOverHttp(pathAndQuery, cid, events).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode() + ": " + new String(response.body()));
        }
        return WsEventCodec.decode(response.body());
    }

    @Override
    public void close() {
        server.close();
        publishes.close();
    }
}
