package dev.tack.proxy.publish.zmq;

import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.proxy.metrics.PublishSource;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ.Socket;
import org.zeromq.ZMQ;

/**
 * Pushpin's ZeroMQ publish inputs (docs/compatibility.md "ZeroMQ inputs"), run on one thread of their own:
 * <ul>
 * <li>PULL bound to {@code push_in_spec}: one item per single-part message ({@code J}+JSON, {@code T}+tnetstring
 *     or a bare tnetstring, see {@link ZmqItems}); {@code pushpin-publish --spec tcp://...} sends these.</li>
 * <li>SUB bound to (or connected to) each of {@code push_in_sub_specs}: two parts {@code [channel, item]}, the
 *     topic naming the channel (the item's own {@code channel} is ignored). The socket subscribes to each channel
 *     that has listeners on this node and unsubscribes when they have gone ({@link ZmqSubscriptions}), so XPUB
 *     publishers feeding several Tack processes send a channel only where someone listens, as with Pushpin.</li>
 * <li>REP bound to {@code command_spec}: zrpc commands, see {@link ZmqCommands}.</li>
 * </ul>
 * A message that cannot be read or an item that fails the checks is logged with the reason and skipped; it never
 * stops the input. Valid items go to {@link PublishService#publish}, which hands them to the event loops, in the
 * order each socket received them. Messages above 16 MiB are refused by ZeroMQ itself, which drops the sending
 * peer. JeroMQ emulates {@code ipc://} over loopback TCP, so only {@code tcp://} specs reach peers using libzmq.
 */
public final class ZmqInputs implements AutoCloseable {

    /** Where the inputs listen, as a peer should be told to connect; null or empty for an input that is off. */
    public record Endpoints(String pull, List<String> sub, String command) {
        public Endpoints {
            sub = List.copyOf(sub);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ZmqInputs.class);
    private static final String WAKE = "inproc://tack-zmq-inputs-wake";
    private static final int BATCH = 256;
    private static final int MAX_PARTS_KEPT = 3;

    private final ZmqSettings settings;
    private final PublishService service;
    private final TackMetrics metrics;
    private final SubscriptionRegistry registry;
    private final ZmqSubscriptions subscriptions;
    private final ZContext context = new ZContext(1);
    private final CompletableFuture<Endpoints> ready = new CompletableFuture<>();
    private final Thread thread;
    private boolean closed;

    private ZmqInputs(ZmqSettings settings, PublishService service, TackMetrics metrics,
            SubscriptionRegistry registry) {
        this.settings = settings;
        this.service = service;
        this.metrics = metrics;
        this.registry = registry;
        this.subscriptions = settings.pushInSubSpecs().isEmpty() ? null : new ZmqSubscriptions();
        this.thread = new Thread(this::run, "tack-zmq-inputs");
        thread.setDaemon(true);
    }

    /**
     * Binds (or connects) every configured socket and starts serving them on a thread of their own.
     *
     * @throws IllegalArgumentException naming the config key and spec that cannot be bound, e.g.
     *     {@code [handler] push_in_spec: tcp://127.0.0.1:5560 (cannot bind: Address already in use)}
     */
    public static ZmqInputs start(ZmqSettings settings, PublishService service, TackMetrics metrics,
            SubscriptionRegistry registry) {
        ZmqInputs inputs = new ZmqInputs(settings, service, metrics, registry);
        if (inputs.subscriptions != null) {
            inputs.subscriptions.listenTo(registry.interest());
        }
        inputs.thread.start();
        Endpoints bound;
        try {
            bound = inputs.ready.join();
        } catch (CompletionException e) {
            joinUninterruptibly(inputs.thread);
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw new IllegalStateException("ZeroMQ inputs failed to start", e.getCause());
        }
        log.info("zmq inputs: pull " + describe(bound.pull()) + ", sub " + bound.sub()
                + (settings.pushInSubConnect() ? " (connect)" : "") + ", command " + describe(bound.command()));
        return inputs;
    }

    /** Where the inputs listen; a {@code *} port in the settings is replaced by the port bound. */
    public Endpoints endpoints() {
        return ready.join();
    }

    /** Stops the inputs, closes their sockets and waits for their thread to end. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (thread.isAlive()) {
            // A JeroMQ socket belongs to one thread, so the loop is woken through an inproc pair and closes its own.
            try (Socket wake = context.getContext().socket(SocketType.PAIR)) {
                wake.setLinger(1000);
                wake.connect(WAKE);
                wake.send(new byte[0], 0);
            } catch (RuntimeException e) {
                log.debug("zmq inputs: wake-up failed, the loop has ended already: " + e);
            }
        }
        joinUninterruptibly(thread);
    }

    private void run() {
        Socket wake;
        ZmqSockets sockets;
        ZmqCommands commands;
        try {
            context.setLinger(0);
            wake = context.createSocket(SocketType.PAIR);
            wake.bind(WAKE);
            sockets = ZmqSockets.open(context, settings);
            commands = new ZmqCommands(service, metrics, registry, sockets.uris(settings.pushInSubConnect()));
        } catch (RuntimeException | Error e) {
            if (subscriptions != null) {
                subscriptions.close();
            }
            context.close();
            ready.completeExceptionally(e);
            return;
        }
        ready.complete(sockets.endpoints);
        try (ZMQ.Poller poller = context.createPoller(5)) {
            int wakeAt = poller.register(wake, ZMQ.Poller.POLLIN);
            int pullAt = register(poller, sockets.pull);
            int subAt = register(poller, sockets.sub);
            int commandAt = register(poller, sockets.command);
            int subscriptionsAt = subscriptions == null ? -1
                    : poller.register(subscriptions.wakeChannel(), ZMQ.Poller.POLLIN);
            if (subscriptions != null) {
                subscriptions.apply(sockets.sub);
            }
            while (true) {
                poller.poll(-1);
                if (poller.pollin(wakeAt)) {
                    break;
                }
                if (subscriptionsAt >= 0 && poller.pollin(subscriptionsAt)) {
                    subscriptions.apply(sockets.sub);
                }
                if (pullAt >= 0 && poller.pollin(pullAt)) {
                    drain(sockets.pull, this::onPull);
                }
                if (subAt >= 0 && poller.pollin(subAt)) {
                    drain(sockets.sub, this::onSub);
                }
                if (commandAt >= 0 && poller.pollin(commandAt)) {
                    // A REP socket must answer each request before it reads the next one.
                    drain(sockets.command, message -> sockets.command.send(onCommand(commands, message), 0));
                }
            }
        } catch (RuntimeException e) {
            log.error("zmq inputs stopped after a failure; ZeroMQ publishing is off", e);
        } finally {
            if (subscriptions != null) {
                subscriptions.close();
            }
            context.close();
        }
    }

    private static int register(ZMQ.Poller poller, Socket socket) {
        return socket == null ? -1 : poller.register(socket, ZMQ.Poller.POLLIN);
    }

    /** One message: its first parts and how many parts it had. */
    private record Message(List<byte[]> parts, int count) {
    }

    private interface MessageHandler {
        void handle(Message message);
    }

    /** Reads up to {@link #BATCH} waiting messages, so that one busy socket cannot starve the others. */
    private static void drain(Socket socket, MessageHandler handler) {
        for (int i = 0; i < BATCH; i++) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> parts = new ArrayList<>(2);
            parts.add(first);
            int count = 1;
            while (socket.hasReceiveMore()) {
                byte[] part = socket.recv(0);
                if (parts.size() < MAX_PARTS_KEPT) {
                    parts.add(part);
                }
                count++;
            }
            handler.handle(new Message(parts, count));
        }
    }

    private void onPull(Message message) {
        if (message.count() != 1) {
            log.warn("zmq pull: message of " + message.count() + " parts (expected: 1), skipping");
            return;
        }
        accept("zmq pull", message.parts().get(0), null);
    }

    private void onSub(Message message) {
        if (message.count() != 2) {
            log.warn("zmq sub: message of " + message.count() + " parts (expected: 2, channel and item), skipping");
            return;
        }
        accept("zmq sub", message.parts().get(1), new String(message.parts().get(0), StandardCharsets.UTF_8));
    }

    private void accept(String input, byte[] payload, String channel) {
        PublishItem item;
        try {
            item = ZmqItems.decode(payload, channel);
        } catch (PublishFormatException e) {
            metrics.publishRejected(PublishSource.ZMQ);
            log.warn(input + ": item refused: " + e.getMessage() + " (message starts " + preview(payload)
                    + "), skipping");
            return;
        } catch (RuntimeException e) {
            // A decoder bug, but the input that caused it is one message: it is refused, the input keeps running.
            metrics.publishRejected(PublishSource.ZMQ);
            log.warn(input + ": item refused, it broke the decoder (message starts " + preview(payload)
                    + "), skipping", e);
            return;
        }
        try {
            metrics.published(PublishSource.ZMQ, List.of(item));
            service.publish(List.of(item)).whenComplete((v, failure) -> {
                if (failure != null) {
                    log.warn(input + ": item on channel " + item.channel() + " not published: "
                            + failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.error(input + ": publishing to channel " + item.channel() + " failed", e);
        }
    }

    private static byte[] onCommand(ZmqCommands commands, Message message) {
        if (message.count() != 1) {
            return commands.answerMalformed("request of " + message.count() + " parts (expected: 1)");
        }
        return commands.answer(message.parts().get(0));
    }

    private static String preview(byte[] payload) {
        int end = Math.min(payload.length, 48);
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < end; i++) {
            out.append(Tnetstring.printableByte(payload[i]));
        }
        return out.append(end < payload.length ? "...'" : "'").toString();
    }

    private static String describe(String endpoint) {
        return endpoint == null ? "off" : endpoint;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
