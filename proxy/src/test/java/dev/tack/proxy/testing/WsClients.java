package dev.tack.proxy.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** WebSocket clients built on {@code java.net.http.WebSocket}, an implementation Tack did not write. */
public final class WsClients {

    private final HttpClient http = HttpClient.newHttpClient();

    /** One connected client and what it received. */
    public static final class Client implements WebSocket.Listener {
        public final List<String> texts = new CopyOnWriteArrayList<>();
        public final List<byte[]> binaries = new CopyOnWriteArrayList<>();
        public final CompletableFuture<String> closed = new CompletableFuture<>();
        public volatile int closeCode = -1;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        public WebSocket socket() {
            return socket;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            this.socket = webSocket;
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binaries.add(bytes);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closed.complete(reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        public void send(String text) {
            socket.sendText(text, true).join();
        }
    }

    public Client connect(URI uri) throws Exception {
        Client client = new Client();
        http.newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Connects {@code count} clients at once and waits for all of them. */
    public java.util.List<Client> connectAll(URI uri, int count) {
        java.util.List<Client> clients = new java.util.ArrayList<>(count);
        java.util.List<CompletableFuture<WebSocket>> pending = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Client client = new Client();
            clients.add(client);
            pending.add(http.newWebSocketBuilder().buildAsync(uri, client));
        }
        pending.forEach(CompletableFuture::join);
        return clients;
    }

    /** Starts a connection and returns its future, for tests that expect the handshake to fail. */
    public CompletableFuture<WebSocket> attempt(URI uri) {
        return http.newWebSocketBuilder().buildAsync(uri, new Client());
    }
}
