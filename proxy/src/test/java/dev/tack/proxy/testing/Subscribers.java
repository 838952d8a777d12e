package dev.tack.proxy.testing;

import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.proxy.testing.OriginServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Subscribers of every client transport for fan-out tests: an origin that holds each transport on a channel,
 * clients that collect what they receive as text messages, and a publish body that serves them all.
 */
public final class Subscribers {

    /** The client transports. */
    public enum Transport { WEBSOCKET, SSE, HTTP_STREAM, LONG_POLL }

    /** What one subscriber has received, as text messages. */
    public interface Subscriber {
        List<String> messages();
    }

    /** What a long-poll gets when it times out. */
    public static final String TIMEOUT_BODY = "timeout\n";

    private Subscribers() {
    }

    /** Makes {@code origin} hold {@code /sse/<ch>}, {@code /stream/<ch>}, {@code /poll/<ch>}, {@code /ws/<ch>}. */
    public static void serve(OriginServer origin, String channel) {
        origin.on("/sse/" + channel, r -> Reply.of(200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream",
                "Grip-Channel", channel));
        origin.on("/stream/" + channel, r -> Reply.of(200, "", "Grip-Hold", "stream", "Grip-Channel", channel));
        origin.on("/poll/" + channel, r -> Reply.of(200, TIMEOUT_BODY, "Grip-Hold", "response", "Grip-Channel",
                channel));
        new WohOrigin(origin, "/ws/" + channel, r -> r.isOpening()
                ? new WsOverHttpResponse().accept().subscribe(channel) : new WsOverHttpResponse());
    }

    /** A publish body of one item carrying {@code message} in all three formats. */
    public static String publishBody(String channel, String message) {
        return "{\"items\":[{\"channel\":\"" + channel + "\",\"formats\":{"
                + "\"ws-message\":{\"content\":\"" + message + "\"},"
                + "\"http-stream\":{\"content\":\"data: " + message + "\\n\\n\"},"
                + "\"http-response\":{\"body\":\"" + message + "\"}}}]}";
    }

    /** Opens {@code count} subscribers of {@code transport} on {@code channel} through Tack's client port. */
    public static List<Subscriber> open(Transport transport, int clientPort, StreamClients streams, String channel,
            int count) throws Exception {
        List<Subscriber> subscribers = new ArrayList<>();
        switch (transport) {
            case WEBSOCKET -> {
                WsClients clients = new WsClients();
                for (int i = 0; i < count; i++) {
                    WsClients.Client client = clients.connect(URI.create("ws://127.0.0.1:" + clientPort + "/ws/"
                            + channel));
                    subscribers.add(() -> client.texts);
                }
            }
            case SSE, HTTP_STREAM -> {
                String prefix = transport == Transport.SSE ? "/sse/" : "/stream/";
                for (StreamClients.Stream stream : streams.open(clientPort, prefix + channel, count)) {
                    subscribers.add(() -> sseData(stream.body()));
                }
            }
            case LONG_POLL -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = 0; i < count; i++) {
                    subscribers.add(new LongPoller(http, URI.create("http://127.0.0.1:" + clientPort + "/poll/"
                            + channel)));
                }
            }
        }
        return subscribers;
    }

    /** The {@code data:} lines of an SSE body. */
    public static List<String> sseData(String body) {
        List<String> data = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        return data;
    }

    /** A long-poll client that polls again as soon as a response arrives. */
    private static final class LongPoller implements Subscriber {
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final HttpClient http;
        private final URI uri;

        LongPoller(HttpClient http, URI uri) {
            this.http = http;
            this.uri = uri;
            poll();
        }

        private void poll() {
            http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (!response.body().equals(TIMEOUT_BODY)) {
                            messages.add(response.body());
                        }
                        poll();
                    });
        }

        @Override
        public List<String> messages() {
            return messages;
        }
    }
}
