package dev.tack.proxy.testing;

import dev.tack.api.client.WsOverHttpRequest;
import dev.tack.api.client.WsOverHttpResponse;
import dev.tack.api.ws.WsEventFormatException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A WebSocket-over-HTTP origin for tests, on top of {@link OriginServer}: records every parsed request. */
public final class WohOrigin {

    private final List<WsOverHttpRequest> requests = new CopyOnWriteArrayList<>();

    /** Answers WOH requests on {@code path} with what {@code app} builds. */
    public WohOrigin(OriginServer server, String path, Function<WsOverHttpRequest, WsOverHttpResponse> app) {
        server.on(path, received -> {
            WsOverHttpRequest request;
            try {
                request = WsOverHttpRequest.parse(received.headers(), received.body());
            } catch (WsEventFormatException e) {
                throw new IOException(e);
            }
            requests.add(request);
            WsOverHttpResponse response = app.apply(request);
            List<Map.Entry<String, String>> headers = response.headers().stream()
                    .map(h -> Map.entry(h.name(), h.value())).toList();
            return new OriginServer.Reply(200, headers, response.body());
        });
    }

    public List<WsOverHttpRequest> requests() {
        return requests;
    }
}
