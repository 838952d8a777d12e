package dev.tack.proxy.publish.zmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.proxy.engine.NodeCommand;
import dev.tack.proxy.metrics.MetricsSnapshot;
import dev.tack.proxy.metrics.PublishSource;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the zrpc requests of the command socket ({@code command_spec}, docs/compatibility.md "ZeroMQ inputs"). A
 * request is one tnetstring dictionary {@code {id?, method, args?}}; the reply echoes the id with {@code success: true}
 * and a {@code value}, or {@code success: false} and a {@code condition} (with a message as {@code value} where there
 * is one). A {@code publish} request as Pushpin's {@code tools/command.py} sends it, and the reply, shown as JSON:
 * <pre>
 * {"id": "7f0c", "method": "publish", "args": {"items": [{"channel": "test",
 *                                                        "formats": {"http-stream": {"content": "hi\n"}}}]}}
 * {"id": "7f0c", "success": true, "value": null}
 * </pre>
 * and the reply on the wire: <code>40:2:id,4:7f0c,7:success,4:true!5:value,0:~&#125;</code>.
 *
 * <p>Methods: {@code publish} (all items are checked before any is published; a bad one gives
 * {@code bad-request} with {@code Invalid format: <item error>}), {@code recover} (runs on every node of the
 * engine, as HTTP {@code /recover}), {@code refresh} with {@code {cid}} or {@code {channel}} (sent to every node,
 * where it reaches the connection or the channel's subscribers), {@code get-zmq-uris} ({@code command},
 * {@code publish-pull}, {@code publish-sub}), {@code conncheck} with {@code {ids: [cid, ...]}} (the ids of those
 * connections that are open on this node; {@code bad-request} unless {@code ids} is a list of byte strings) and
 * {@code report} (this node's counters under the names of Pushpin's {@code report} stats packet:
 * {@code connections}, {@code received}, {@code sent}, {@code requests-received}; Pushpin sends those on its stats
 * socket instead and answers {@code method-not-found}). While the engine is down, {@code publish}, {@code recover}
 * and {@code refresh} give {@code service-unavailable} with the reason. Every other method gives
 * {@code method-not-found}. Where Pushpin ignores a request it cannot read, Tack answers
 * {@code bad-format} with the reason, because a REP socket that never replies blocks its client for good.
 */
final class ZmqCommands {

    private static final Logger log = LoggerFactory.getLogger(ZmqCommands.class);
    private static final int ENGINE_WAIT_SECONDS = 10;

    private final PublishService service;
    private final TackMetrics metrics;
    private final SubscriptionRegistry registry;
    private final ObjectNode uris;

    /**
     * @param uris what {@code get-zmq-uris} answers, e.g. {@code {"command": "tcp://127.0.0.1:5563",
     *     "publish-pull": "tcp://127.0.0.1:5560", "publish-sub": "tcp://127.0.0.1:5562"}}
     */
    ZmqCommands(PublishService service, TackMetrics metrics, SubscriptionRegistry registry, ObjectNode uris) {
        this.service = service;
        this.metrics = metrics;
        this.registry = registry;
        this.uris = uris.deepCopy();
    }

    /** Answers one request message with the reply message; bad input gives a failure reply, never an exception. */
    byte[] answer(byte[] request) {
        JsonNode doc;
        try {
            doc = Tnetstring.parse(request, 0);
        } catch (TnetstringException e) {
            return badFormat(null, "invalid tnetstring: " + e.getMessage());
        }
        if (!doc.isObject()) {
            return badFormat(null, "request is a " + Tnetstring.kind(doc) + " (expected: a dictionary with 'method')");
        }
        JsonNode id = doc.get("id");
        if (id != null && !id.isBinary()) {
            return badFormat(null, "request 'id' is not a byte string");
        }
        JsonNode method = doc.get("method");
        if (method == null || !method.isBinary()) {
            return badFormat(id, "request " + (method == null ? "has no 'method'" : "'method' is not a byte string")
                    + " (expected: a method name such as publish)");
        }
        JsonNode args = doc.get("args");
        if (args != null && !args.isObject()) {
            return badFormat(id, "request 'args' is not a dictionary");
        }
        String name = new String(binary(method), StandardCharsets.UTF_8);
        try {
            return switch (name) {
                case "publish" -> publish(id, args);
                case "recover" -> sent(id, service.recover());
                case "refresh" -> refresh(id, args);
                case "get-zmq-uris" -> success(id, uris);
                case "conncheck" -> conncheck(id, args);
                case "report" -> success(id, report());
                default -> {
                    log.warn("zmq command: unknown method '" + name
                            + "' (expected: publish, recover, refresh, conncheck, get-zmq-uris or report)");
                    yield failure(id, "method-not-found", null);
                }
            };
        } catch (RuntimeException e) {
            log.error("zmq command " + name + " failed", e);
            return failure(id, "internal-error", null);
        }
    }

    /** Answers a request that could not be read off the socket, e.g. one of several parts. */
    byte[] answerMalformed(String reason) {
        return badFormat(null, reason);
    }

    private byte[] publish(JsonNode id, JsonNode args) {
        JsonNode items = args == null ? null : args.get("items");
        if (items == null) {
            return refused(id, "Invalid format: object does not contain 'items'");
        }
        if (!items.isArray()) {
            return refused(id, "Invalid format: object contains 'items' with wrong type");
        }
        List<PublishItem> decoded = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            try {
                decoded.add(PublishJson.decodeItem(item));
            } catch (PublishFormatException e) {
                return refused(id, "Invalid format: " + e.getMessage());
            }
        }
        metrics.published(PublishSource.ZMQ, decoded);
        return sent(id, service.publish(decoded));
    }

    private byte[] refresh(JsonNode id, JsonNode args) {
        JsonNode cid = args == null ? null : args.get("cid");
        JsonNode channel = args == null ? null : args.get("channel");
        if ((cid == null) == (channel == null) || (cid != null && !cid.isBinary())
                || (channel != null && !channel.isBinary())) {
            metrics.publishRejected(PublishSource.ZMQ);
            return failure(id, "bad-request", "refresh needs args with a 'cid' or a 'channel' byte string");
        }
        NodeCommand.Refresh refresh = cid != null
                ? new NodeCommand.Refresh(null, new String(binary(cid), StandardCharsets.UTF_8))
                : new NodeCommand.Refresh(new String(binary(channel), StandardCharsets.UTF_8), null);
        return sent(id, service.command(refresh));
    }

    /** Pushpin's {@code conncheck}: which of the given connection ids are open here, in the order asked. */
    private byte[] conncheck(JsonNode id, JsonNode args) {
        JsonNode ids = args == null ? null : args.get("ids");
        if (ids == null || !ids.isArray()) {
            return failure(id, "bad-request", "conncheck needs args with 'ids', a list of byte strings");
        }
        List<String> asked = new ArrayList<>(ids.size());
        for (JsonNode cid : ids) {
            if (!cid.isBinary()) {
                String kind = Tnetstring.kind(cid);
                return failure(id, "bad-request", "conncheck 'ids': " + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an "
                        : "a ") + kind + " in the list (expected: byte strings)");
            }
            asked.add(new String(binary(cid), StandardCharsets.UTF_8));
        }
        Set<String> open;
        try {
            open = registry.openConnections(asked).get(ENGINE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return failure(id, "service-unavailable", "the event loops did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(id, "service-unavailable", "interrupted");
        }
        ArrayNode found = JsonNodeFactory.instance.arrayNode();
        asked.stream().distinct().filter(open::contains)
                .forEach(cid -> found.add(cid.getBytes(StandardCharsets.UTF_8)));
        return success(id, found);
    }

    /** This node's counters, named as in Pushpin's {@code report} stats packet. */
    private ObjectNode report() {
        MetricsSnapshot snapshot = metrics.snapshot();
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("connections", snapshot.connected());
        report.put("received", snapshot.published());
        report.put("sent", snapshot.delivered());
        report.put("requests-received", snapshot.requests());
        return report;
    }

    /** Waits until the engine took the request (at most {@value #ENGINE_WAIT_SECONDS} s) and answers. */
    private byte[] sent(JsonNode id, CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(ENGINE_WAIT_SECONDS, TimeUnit.SECONDS);
            return success(id, null);
        } catch (ExecutionException e) {
            log.warn("zmq command refused: " + e.getCause().getMessage());
            return failure(id, "service-unavailable", e.getCause().getMessage());
        } catch (TimeoutException e) {
            return failure(id, "service-unavailable", "the engine did not answer in " + ENGINE_WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(id, "service-unavailable", "interrupted");
        }
    }

    private byte[] refused(JsonNode id, String message) {
        metrics.publishRejected(PublishSource.ZMQ);
        log.warn("zmq command publish refused: " + message);
        return failure(id, "bad-request", message);
    }

    private static byte[] success(JsonNode id, JsonNode value) {
        ObjectNode reply = reply(id, true);
        reply.set("value", value);
        return Tnetstring.encode(reply);
    }

    private static byte[] badFormat(JsonNode id, String message) {
        log.warn("zmq command refused: " + message);
        return failure(id, "bad-format", message);
    }

    private static byte[] failure(JsonNode id, String condition, String message) {
        ObjectNode reply = reply(id, false);
        reply.put("condition", condition);
        if (message != null) {
            reply.put("value", message);
        }
        return Tnetstring.encode(reply);
    }

    private static ObjectNode reply(JsonNode id, boolean success) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        if (id != null && binary(id).length > 0) {
            reply.set("id", id);
        }
        reply.put("success", success);
        return reply;
    }

    private static byte[] binary(JsonNode node) {
        return ((BinaryNode) node).binaryValue();
    }
}
