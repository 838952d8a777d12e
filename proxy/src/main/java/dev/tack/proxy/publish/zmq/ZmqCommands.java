package dev.tack.proxy.publish.zmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.publish.PublishService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * {@code bad-request} with {@code Invalid format: <item error>}), {@code recover} (success; Tack keeps no
 * last-ids to forget, as for HTTP {@code /recover}), {@code get-zmq-uris} ({@code command}, {@code publish-pull},
 * {@code publish-sub}). Every other method, {@code refresh} and {@code conncheck} included, gives
 * {@code method-not-found}: Tack has no ZHTTP connection ids to check or refresh, and a success with an empty
 * answer would tell the caller something false. Where Pushpin ignores a request it cannot read, Tack answers
 * {@code bad-format} with the reason, because a REP socket that never replies blocks its client for good.
 */
final class ZmqCommands {

    private static final Logger log = Logger.getLogger(ZmqCommands.class.getName());

    private final PublishService service;
    private final TackMetrics metrics;
    private final ObjectNode uris;

    /**
     * @param uris what {@code get-zmq-uris} answers, e.g. {@code {"command": "tcp://127.0.0.1:5563",
     *     "publish-pull": "tcp://127.0.0.1:5560", "publish-sub": "tcp://127.0.0.1:5562"}}
     */
    ZmqCommands(PublishService service, TackMetrics metrics, ObjectNode uris) {
        this.service = service;
        this.metrics = metrics;
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
                case "recover" -> success(id, null);
                case "get-zmq-uris" -> success(id, uris);
                default -> {
                    log.warning("zmq command: unknown method '" + name
                            + "' (expected: publish, recover or get-zmq-uris)");
                    yield failure(id, "method-not-found", null);
                }
            };
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "zmq command " + name + " failed", e);
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
        service.publish(decoded);
        return success(id, null);
    }

    private byte[] refused(JsonNode id, String message) {
        metrics.publishRejected();
        log.warning("zmq command publish refused: " + message);
        return failure(id, "bad-request", message);
    }

    private static byte[] success(JsonNode id, JsonNode value) {
        ObjectNode reply = reply(id, true);
        reply.set("value", value);
        return Tnetstring.encode(reply);
    }

    private static byte[] badFormat(JsonNode id, String message) {
        log.warning("zmq command refused: " + message);
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
