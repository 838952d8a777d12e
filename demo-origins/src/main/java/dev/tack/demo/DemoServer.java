package dev.tack.demo;

import dev.tack.api.client.PublisherClient;
import dev.tack.demo.counter.CounterDemo;
import dev.tack.demo.examples.EchoExample;
import dev.tack.demo.examples.LongPollExample;
import dev.tack.demo.examples.StreamExample;
import dev.tack.demo.qa.InMemoryQaStore;
import dev.tack.demo.qa.QaBoard;
import dev.tack.demo.qa.QaRoutes;
import dev.tack.demo.qa.QaSocket;
import dev.tack.demo.qa.QaStore;
import dev.tack.demo.web.GripGuard;
import dev.tack.demo.web.HttpListener;
import dev.tack.demo.web.Router;
import dev.tack.demo.web.StaticFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * Every demo on one listener. The route table:
 * <pre>
 * POST /api/websocket?roomId=ID       Q&amp;A board WebSocket (WebSocket-over-HTTP, Grip-Sig required)
 * /api/rooms, /api/room/..., ...      Q&amp;A board REST API ({@link QaRoutes})
 * GET|POST /counter/ID                SSE counter (GET with Accept: text/event-stream needs Grip-Sig)
 * GET|POST /api/long-poll             long-poll example
 * GET /api/stream, POST /api/publish  HTTP stream example
 * POST /api/echo, POST /api/broadcast WebSocket echo example
 * GET /, /counter.html, /examples.html, /qa.css, /qa.js   the pages
 * </pre>
 * It binds first and serves later ({@link #bind}, {@link #serve}), so a test can learn the port, start Tack
 * with a route to it, and then give the demos Tack's publish address.
 */
public final class DemoServer implements AutoCloseable {
    /** Where the pages live in the jar. */
    static final String STATIC_FOLDER = "/dev/tack/demo/static";

    private final HttpListener listener;
    private final QaStore qaStore = new InMemoryQaStore();

    private DemoServer(HttpListener listener) {
        this.listener = listener;
    }

    /** Binds {@code address} (port 0: any free port) without answering yet. */
    public static DemoServer bind(InetSocketAddress address) throws IOException {
        return new DemoServer(new HttpListener(address));
    }

    /** Binds {@code config}'s address and serves. */
    public static DemoServer start(DemoConfig config, Clock clock) throws IOException {
        return bind(config.bindAddress()).serve(config, clock);
    }

    /** Starts answering, publishing and verifying as {@code config} says (its address is not used here). */
    public DemoServer serve(DemoConfig config, Clock clock) {
        GripGuard guard = config.guard(clock);
        PublisherClient publisher = new PublisherClient(config.publishUrl());
        PublisherClient counterPublisher = new PublisherClient(config.counterPublishUrl());
        QaBoard board = new QaBoard(qaStore, publisher, clock);
        QaSocket socket = new QaSocket(board, guard);

        Router router = new Router();
        router.post("/api/websocket", socket::handle);
        new QaRoutes(board).register(router);
        new CounterDemo(counterPublisher, guard).register(router);
        new LongPollExample(publisher, guard).register(router);
        new StreamExample(publisher, guard).register(router);
        new EchoExample(publisher, guard).register(router);
        router.fallback(new StaticFiles(STATIC_FOLDER));
        listener.serve(router);
        return this;
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return listener.address();
    }

    public int port() {
        return listener.address().getPort();
    }

    /** The Q&amp;A board's state. */
    public QaStore qaStore() {
        return qaStore;
    }

    @Override
    public void close() {
        listener.close();
    }
}
