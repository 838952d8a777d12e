package dev.tack.proxy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.proxy.delivery.StreamPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes and reads {@link BusMessage}s (the format is described there). */
final class BusCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BusCodec() {
    }

    static byte[] encode(PublishItem item, String from) {
        return join("item", from, body(item));
    }

    /** The body of an item message: the publish API's JSON with the one item. */
    static byte[] body(PublishItem item) {
        return PublishJson.encodeRequest(List.of(item));
    }

    /** The header line of an item message, without its newline: {@code tack1 item from=box1-4711}. */
    static String itemHeader(String from) {
        return BusMessage.VERSION + " item from=" + from;
    }

    static byte[] encode(NodeCommand command, String from) {
        ObjectNode body = JSON.createObjectNode();
        if (command instanceof NodeCommand.Recover) {
            body.put("command", "recover");
        } else if (command instanceof NodeCommand.Refresh refresh) {
            body.put("command", "refresh");
            body.put(refresh.channel() != null ? "channel" : "cid",
                    refresh.channel() != null ? refresh.channel() : refresh.connectionId());
        } else if (command instanceof NodeCommand.Close close) {
            body.put("command", "close");
            body.put("cid", close.connectionId());
        }
        try {
            return join("command", from, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    /**
     * Reads a message.
     *
     * @throws IllegalArgumentException naming what is wrong, for a message Tack did not write (or a newer
     *     version wrote)
     */
    static BusMessage decode(byte[] message) {
        int newline = -1;
        for (int i = 0; i < message.length && i < 512; i++) {
            if (message[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new IllegalArgumentException("no header line (expected: '" + BusMessage.VERSION + " item|command ...')");
        }
        String[] words = new String(message, 0, newline, StandardCharsets.UTF_8).split(" ");
        if (!words[0].equals(BusMessage.VERSION) || words.length < 2) {
            throw new IllegalArgumentException("header '" + String.join(" ", words) + "' (expected: '" + BusMessage.VERSION
                    + " item|command ...')");
        }
        String from = "";
        String epoch = null;
        long offset = -1;
        for (int i = 2; i < words.length; i++) {
            if (words[i].startsWith("from=")) {
                from = words[i].substring(5);
            } else if (words[i].startsWith("epoch=")) {
                epoch = words[i].substring(6);
            } else if (words[i].startsWith("offset=")) {
                offset = offset(words[i].substring(7));
            }
        }
        byte[] body = new byte[message.length - newline - 1];
        System.arraycopy(message, newline + 1, body, 0, body.length);
        return switch (words[1]) {
            case "item" -> new BusMessage.Item(item(body), from,
                    epoch != null && !epoch.isEmpty() && offset >= 0 ? new StreamPosition(epoch, offset) : null);
            case "command" -> new BusMessage.Command(command(body), from);
            default -> throw new IllegalArgumentException("message kind '" + words[1] + "' (expected: item or command)");
        };
    }

    private static long offset(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offset=" + value + " (expected: a stream offset, 0 or more)");
        }
    }

    private static PublishItem item(byte[] body) {
        List<PublishItem> items;
        try {
            items = PublishJson.decodeRequest(body);
        } catch (PublishFormatException e) {
            throw new IllegalArgumentException("item: " + e.getMessage());
        }
        if (items.size() != 1) {
            throw new IllegalArgumentException("item message with " + items.size() + " items (expected: 1)");
        }
        return items.get(0);
    }

    private static NodeCommand command(byte[] body) {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("command body is not JSON: " + e.getMessage());
        }
        String name = doc == null ? "" : doc.path("command").asText("");
        String channel = doc == null || !doc.hasNonNull("channel") ? null : doc.get("channel").asText();
        String cid = doc == null || !doc.hasNonNull("cid") ? null : doc.get("cid").asText();
        return switch (name) {
            case "recover" -> new NodeCommand.Recover();
            case "refresh" -> new NodeCommand.Refresh(channel, cid);
            case "close" -> {
                if (cid == null) {
                    throw new IllegalArgumentException("close command without 'cid'");
                }
                yield new NodeCommand.Close(cid);
            }
            default -> throw new IllegalArgumentException("command '" + name
                    + "' (expected: recover, refresh or close)");
        };
    }

    private static byte[] join(String kind, String from, byte[] body) {
        byte[] header = (BusMessage.VERSION + " " + kind + " from=" + from + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[header.length + body.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(body, 0, message, header.length, body.length);
        return message;
    }
}
