package dev.tack.proxy.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.route.JsonpOptions;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON-P where cross-origin handling is on (docs/compatibility.md "Cross-origin and JSON-P", Pushpin's
 * {@code requestsession.cpp tryApplyJsonp}): a {@code GET} naming a callback is turned into the request it stands
 * for, and the answer is wrapped in a call of that callback. For example
 * <pre>
 * GET /items?callback=show&amp;_method=POST&amp;_headers=%7B%22X-A%22%3A%221%22%7D&amp;_body=hi
 * </pre>
 * goes to the origin as {@code POST /items} with {@code X-A: 1} and the body {@code hi}, and its answer reaches
 * the client as {@code 200 OK}, {@code Content-Type: application/javascript}:
 * <pre>
 * /**{@code /show({"code": 201, "reason": "Created", "headers": {"Content-Type": "text/plain"}, "body": "done\n"});}
 * </pre>
 * In basic mode ({@code jsonp_mode=basic}) the body is the argument itself, less a final newline.
 */
final class Jsonp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METHOD_PARAM = "_method";
    private static final String HEADERS_PARAM = "_headers";
    private static final String BODY_PARAM = "_body";

    /** A request turned into JSON-P: how to wrap its answer, and the body to send the origin (maybe empty). */
    record Applied(String callback, boolean extended, byte[] body) {
    }

    /** A JSON-P request that cannot be read; {@code message} is Pushpin's 400 text. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private Jsonp() {
    }

    /**
     * Rewrites {@code request} in place when it asks for JSON-P: a {@code GET} with the callback parameter, or with
     * the body parameter where the route names a default callback. Returns null (and leaves the request alone) for
     * any other request.
     *
     * @throws Invalid with {@code Invalid callback parameter.}, {@code Invalid _method parameter.},
     *     {@code Invalid _headers parameter.} or {@code Invalid body parameter.}
     */
    static Applied apply(HttpRequest request, JsonpOptions options) throws Invalid {
        if (!request.method().equals(HttpMethod.GET)) {
            return null;
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        List<String[]> query = new ArrayList<>();
        for (String part : uri.substring(q + 1).split("&", -1)) {
            int eq = part.indexOf('=');
            query.add(eq < 0 ? new String[] {part, ""} : new String[] {part.substring(0, eq), part.substring(eq + 1)});
        }
        String bodyParam = options.bodyParam().isEmpty() ? BODY_PARAM : options.bodyParam();
        boolean hasCallback = has(query, options.callbackParam());
        if (!hasCallback && (options.defaultCallback().isEmpty() || options.bodyParam().isEmpty()
                || !has(query, options.bodyParam()))) {
            return null;
        }
        String callback = options.defaultCallback();
        if (hasCallback) {
            callback = decode(take(query, options.callbackParam()));
            // Pushpin takes any text; Tack takes a JavaScript name (a.b_c$1), so the answer cannot carry script.
            if (callback == null || callback.isEmpty() || !callback.chars().allMatch(Jsonp::nameChar)) {
                throw new Invalid("Invalid callback parameter.");
            }
        }
        String method = options.defaultMethod();
        if (has(query, METHOD_PARAM)) {
            method = decode(take(query, METHOD_PARAM));
            if (method == null || method.isEmpty() || !method.chars().allMatch(Jsonp::tokenChar)) {
                throw new Invalid("Invalid _method parameter.");
            }
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        if (has(query, HEADERS_PARAM)) {
            headers.add(headersParam(decode(take(query, HEADERS_PARAM))));
        }
        byte[] body = new byte[0];
        if (has(query, bodyParam)) {
            String text = decode(take(query, bodyParam));
            if (text == null) {
                throw new Invalid("Invalid " + (options.bodyParam().isEmpty() ? BODY_PARAM : "body") + " parameter.");
            }
            body = text.getBytes(StandardCharsets.UTF_8);
            if (!options.bodyParam().isEmpty()) {
                headers.set("Content-Type", "application/json");
            }
        }
        StringBuilder rest = new StringBuilder();
        for (String[] item : query) {
            rest.append(rest.length() == 0 ? "" : "&").append(item[0]).append(item[1].isEmpty() ? "" : "=" + item[1]);
        }
        request.setUri(uri.substring(0, q) + (rest.length() == 0 ? "" : "?" + rest));
        request.setMethod(HttpMethod.valueOf(method));
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("accept") && !name.equals("content-length") && !name.equals("transfer-encoding")
                    && !headers.contains(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        headers.set("Accept", "*/*");
        if (body.length > 0) {
            headers.set("Content-Length", body.length);
        }
        request.headers().set(headers);
        return new Applied(callback, options.extended(), body);
    }

    private static HttpHeaders headersParam(String text) throws Invalid {
        JsonNode doc = null;
        try {
            doc = text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            doc = null;
        }
        if (doc == null || !doc.isObject()) {
            throw new Invalid("Invalid _headers parameter.");
        }
        HttpHeaders out = new DefaultHttpHeaders();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual() || !validHeader(field.getKey(), field.getValue().asText())) {
                throw new Invalid("Invalid _headers parameter.");
            }
            String name = field.getKey().toLowerCase(Locale.ROOT);
            // Host and Accept are Tack's to set, as in Pushpin; framing is the proxy's business.
            if (!name.equals("host") && !name.equals("accept") && !name.equals("content-length")
                    && !name.equals("transfer-encoding") && !name.equals("connection")) {
                out.add(field.getKey(), field.getValue().asText());
            }
        }
        return out;
    }

    /** The start of a streamed answer: {@code /**}{@code /cb(} and, extended, the status and headers. */
    static String start(Applied jsonp, int code, String reason, HttpHeaders headers) {
        if (!jsonp.extended()) {
            return "/**/" + jsonp.callback() + "(";
        }
        return "/**/" + jsonp.callback() + "({\"code\": " + code + ", \"reason\": " + quote(reason)
                + ", \"headers\": " + headersJson(headers) + ", \"body\": \"";
    }

    /** The end of a streamed answer. */
    static String end(Applied jsonp) {
        return jsonp.extended() ? "\"});\n" : ");\n";
    }

    /** A whole answer wrapped at once (a held response, an error). */
    static byte[] whole(Applied jsonp, int code, String reason, HttpHeaders headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 128);
        out.writeBytes(start(jsonp, code, reason, headers).getBytes(StandardCharsets.UTF_8));
        if (jsonp.extended()) {
            out.writeBytes(escape(new String(body, StandardCharsets.UTF_8)));
        } else {
            int end = body.length;
            if (end > 0 && body[end - 1] == '\n') {
                end -= end > 1 && body[end - 2] == '\r' ? 2 : 1;
            }
            out.write(body, 0, end);
        }
        out.writeBytes(end(jsonp).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** {@code text} as the inside of a JSON string, UTF-8 encoded. */
    static byte[] escape(String text) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(text);
    }

    /** Headers as one JSON object, the values of a repeated header joined with {@code ", "}. */
    private static String headersJson(HttpHeaders headers) {
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("connection") || lower.equals("transfer-encoding") || lower.equals("keep-alive")) {
                continue;
            }
            String name = spelling.computeIfAbsent(lower, l -> header.getKey());
            merged.merge(name, header.getValue(), (a, b) -> a + ", " + b);
        }
        try {
            return JSON.writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers as JSON", e);
        }
    }

    private static String quote(String text) {
        return "\"" + new String(escape(text), StandardCharsets.UTF_8) + "\"";
    }

    private static boolean has(List<String[]> query, String name) {
        return query.stream().anyMatch(item -> item[0].equals(name));
    }

    /** Removes every item called {@code name} and returns the first one's raw value. */
    private static String take(List<String[]> query, String name) {
        String value = null;
        for (Iterator<String[]> it = query.iterator(); it.hasNext();) {
            String[] item = it.next();
            if (item[0].equals(name)) {
                value = value == null ? item[1] : value;
                it.remove();
            }
        }
        return value;
    }

    /** Percent-decodes {@code raw} as UTF-8 ({@code +} stays a plus, as in Pushpin); null when malformed. */
    static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                    || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return null;
            }
            out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean nameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c == '.';
    }

    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static boolean validHeader(String name, String value) {
        return !name.isEmpty() && name.chars().allMatch(Jsonp::tokenChar)
                && value.chars().noneMatch(c -> c < 32 && c != '\t' || c == 127);
    }
}
