package dev.tack.api.grip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tack.api.grip.JsonFields.FieldException;
import java.util.List;

/**
 * Reads an {@code application/grip-instruct} JSON body (docs/compatibility.md "GRIP instructions") over what the
 * headers gave: it sets the hold when {@code hold} is present, adds channels, overrides timeout, keep-alive and meta,
 * and replaces the response's headers and body with {@code response} (empty when {@code response} is absent).
 */
final class JsonInstruct {

    private JsonInstruct() {
    }

    static void read(int originStatus, byte[] body, InstructBuilder out) throws GripInstructionException {
        if (originStatus != 200) {
            // The origin's own status line counts here, not a Grip-Status override (as in Pushpin).
            throw new GripInstructionException("response code for application/grip-instruct content must be 200");
        }
        JsonNode doc = JsonFields.parseDocument(body);
        if (doc == null) {
            throw new GripInstructionException("failed to parse application/grip-instruct content as JSON");
        }
        if (!doc.isObject()) {
            throw new GripInstructionException("instruct must be an object");
        }
        try {
            if (doc.has("hold")) {
                readHold(doc.get("hold"), out);
            }
            out.headers = List.of();
            out.body = new byte[0];
            if (doc.has("response")) {
                readResponse(doc.get("response"), out);
            }
        } catch (FieldException e) {
            throw new GripInstructionException(e.getMessage());
        }
    }

    private static void readHold(JsonNode hold, InstructBuilder out) throws FieldException {
        if (!hold.isObject()) {
            throw new FieldException("instruct contains 'hold' with wrong type");
        }
        String mode = JsonFields.string(hold, "hold", "mode", false);
        if (mode == null || mode.equals("response")) {
            out.hold = HoldMode.RESPONSE;
        } else if (mode.equals("stream")) {
            out.hold = HoldMode.STREAM;
        } else {
            throw new FieldException("hold 'mode' must be set to either 'response' or 'stream'");
        }

        for (JsonNode c : JsonFields.list(hold, "hold", "channels", true)) {
            String name = JsonFields.string(c, "channel", "name", true);
            String prevId = JsonFields.string(c, "channel", "prev-id", false);
            JsonNode filterList = JsonFields.list(c, "channel", "filters", false);
            List<String> filters = filterList == null
                    ? List.of() : JsonFields.strings(filterList, "filters contains value with wrong type");
            // Pushpin checks the limit only for headers (JSON trips an assert later); Tack checks both.
            if (filters.size() > GripInstructionParser.MAX_FILTERS) {
                throw new FieldException("too many filters for channel '" + name + "'");
            }
            out.channels.add(new ChannelSpec(name, prevId == null || prevId.isEmpty() ? null : prevId, filters));
        }

        if (hold.has("timeout")) {
            out.timeoutSeconds = nonNegative(hold.get("timeout"), "hold", "timeout");
        }

        JsonNode keepAlive = JsonFields.object(hold, "hold", "keep-alive");
        if (keepAlive != null) {
            if (keepAlive.has("content-bin")) {
                out.keepAliveData = JsonFields.base64(keepAlive, "keep-alive", "content-bin");
            } else if (keepAlive.has("content")) {
                out.keepAliveData = JsonFields.content(keepAlive.get("content"), "keep-alive", "content");
            }
            out.keepAliveTimeout = keepAlive.has("timeout")
                    ? nonNegative(keepAlive.get("timeout"), "keep-alive", "timeout")
                    : GripInstructionParser.DEFAULT_TIMEOUT;
            // No "mode" in JSON: a mode from Grip-Keep-Alive stays; otherwise it stays unset (interval).
        }

        out.meta.putAll(JsonFields.meta(hold, "hold"));
    }

    private static void readResponse(JsonNode response, InstructBuilder out) throws FieldException {
        if (!response.isObject()) {
            throw new FieldException(""); // Pushpin gives no message for this one
        }
        if (response.has("code")) {
            long code = JsonFields.integer(response.get("code"), "response", "code");
            if (code < 0 || code > 999) {
                throw JsonFields.invalidValue("response", "code");
            }
            out.status = (int) code;
            out.reason = ""; // derived again from the new code unless "reason" is given
        }
        String reason = JsonFields.string(response, "response", "reason", false);
        if (reason != null && !reason.isEmpty()) {
            out.reason = HeaderValues.toWire(reason);
            JsonFields.checkReason(out.reason, "response");
        }
        if (response.has("headers")) {
            out.headers = JsonFields.headers(response.get("headers"), "response");
        }
        if (response.has("body-bin")) {
            out.body = JsonFields.base64(response, "response", "body-bin");
        } else if (response.has("body")) {
            out.body = JsonFields.content(response.get("body"), "response", "body");
        }
    }

    private static int nonNegative(JsonNode value, String parent, String field) throws FieldException {
        long v = JsonFields.integer(value, parent, field);
        if (v < 0) {
            throw JsonFields.invalidValue(parent, field);
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }
}
