package dev.tack.proxy.publish.zmq;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ.Socket;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The PULL, SUB and REP sockets of the inputs, opened from the settings: each spec bound (SUB specs connected
 * instead with {@code push_in_sub_connect}). The SUB socket starts without subscriptions; {@link ZmqSubscriptions}
 * adds one per channel with local listeners. Must be opened, used and closed on the inputs' own thread, since a
 * JeroMQ socket belongs to one thread. A socket whose spec is empty is null.
 */
final class ZmqSockets {

    /** Messages above this many bytes are refused by ZeroMQ itself, which drops the sending peer. */
    static final long MAX_MESSAGE_SIZE = 16L << 20;
    // JeroMQ 0.6.0 sometimes completes a TCP connect but never starts the ZMTP handshake (a selector hand-off
    // race, zeromq/jeromq#1022). A handshake deadline drops such a connection and reconnects; libzmq's default
    // deadline is 30 s, far longer than a greeting of a few bytes needs.
    private static final int CONNECT_HANDSHAKE_MILLIS = 5000;

    final Socket pull;
    final Socket sub;
    final Socket command;
    final ZmqInputs.Endpoints endpoints;

    private ZmqSockets(Socket pull, Socket sub, Socket command, ZmqInputs.Endpoints endpoints) {
        this.pull = pull;
        this.sub = sub;
        this.command = command;
        this.endpoints = endpoints;
    }

    /**
     * Opens every configured socket in {@code context}; on failure the sockets opened so far are left to the
     * context, which the caller closes.
     *
     * @throws IllegalArgumentException naming the config key and spec that cannot be bound or connected
     */
    static ZmqSockets open(ZContext context, ZmqSettings settings) {
        Socket pull = null;
        String pullAt = null;
        if (!settings.pushInSpec().isEmpty()) {
            pull = socket(context, SocketType.PULL);
            pullAt = bind(pull, "push_in_spec", settings.pushInSpec());
        }
        Socket sub = null;
        List<String> subAt = new ArrayList<>();
        if (!settings.pushInSubSpecs().isEmpty()) {
            sub = socket(context, SocketType.SUB);
            // Subscriptions go out per channel (ZmqSubscriptions); Pushpin never drops one (its SUB_SNDHWM 0).
            sub.setSndHWM(0);
            for (String spec : settings.pushInSubSpecs()) {
                subAt.add(settings.pushInSubConnect() ? connect(sub, spec) : bind(sub, "push_in_sub_specs", spec));
            }
        }
        Socket command = null;
        String commandAt = null;
        if (!settings.commandSpec().isEmpty()) {
            command = socket(context, SocketType.REP);
            commandAt = bind(command, "command_spec", settings.commandSpec());
        }
        return new ZmqSockets(pull, sub, command, new ZmqInputs.Endpoints(pullAt, subAt, commandAt));
    }

    /**
     * What the {@code get-zmq-uris} command answers, as Pushpin does: the command and PULL specs, and the first
     * SUB spec unless the SUB socket connects out.
     */
    ObjectNode uris(boolean subConnect) {
        ObjectNode uris = JsonNodeFactory.instance.objectNode();
        if (endpoints.command() != null) {
            uris.put("command", endpoints.command());
        }
        if (endpoints.pull() != null) {
            uris.put("publish-pull", endpoints.pull());
        }
        if (!endpoints.sub().isEmpty() && !subConnect) {
            uris.put("publish-sub", endpoints.sub().get(0));
        }
        return uris;
    }

    private static Socket socket(ZContext context, SocketType type) {
        Socket socket = context.createSocket(type);
        socket.setMaxMsgSize(MAX_MESSAGE_SIZE);
        return socket;
    }

    private static String bind(Socket socket, String key, String spec) {
        try {
            socket.bind(spec);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("[handler] " + key + ": " + spec + " (cannot bind: " + reason(e) + ")",
                    e);
        }
        // Tell peers the port actually bound when the config asked for any port.
        return spec.endsWith(":*") || spec.endsWith(":0") ? socket.getLastEndpoint() : spec;
    }

    private static String connect(Socket socket, String spec) {
        // Pushpin's keepalive for connected SUB sockets: probe after 30 s idle, every 6 s, give up after 5.
        socket.setTCPKeepAlive(1);
        socket.setTCPKeepAliveIdle(30);
        socket.setTCPKeepAliveInterval(6);
        socket.setTCPKeepAliveCount(5);
        socket.setHandshakeIvl(CONNECT_HANDSHAKE_MILLIS);
        try {
            socket.connect(spec);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("[handler] push_in_sub_specs: " + spec + " (cannot connect: "
                    + reason(e) + ")", e);
        }
        return spec;
    }

    private static String reason(RuntimeException e) {
        if (e instanceof ZMQException z) {
            ZMQ.Error error = ZMQ.Error.findByCode(z.getErrorCode());
            return error == null ? "errno " + z.getErrorCode() : error.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
