package dev.tack.api.grip;

import dev.tack.api.Header;
import java.util.List;
import java.util.Objects;

/**
 * Turns an origin's GRIP response into a {@link GripInstruction}, with Pushpin's rules, defaults and error texts
 * (docs/compatibility.md "GRIP instructions"). A response is GRIP when {@link #isGripResponse} says so; the proxy then
 * calls {@link #parse} once with the buffered response.
 *
 * <p>A stream hold as an origin sends it (the SSE keep-alive is a comment line every 20 s):
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: text/event-stream
 * Grip-Hold: stream
 * Grip-Channel: counter-42, news; prev-id=17; filter=skip-self
 * Grip-Keep-Alive: :\n\n; format=cstring; timeout=20
 * Grip-Set-Meta: user=alice
 * Content-Length: 12
 *
 * stream open
 * </pre>
 * parses to {@code hold=STREAM}, channels {@code counter-42} and {@code news} (prev-id {@code 17}, filter
 * {@code skip-self}), keep-alive {@code ":\n\n"} (colon, two newlines) every 20 s in {@code IDLE} mode, meta
 * {@code user=alice}, status {@code 200 OK}, headers {@code Content-Type} only, and the body
 * {@code "stream open\n"}.
 *
 * <p>The same through a JSON instruct ({@code Content-Type: application/grip-instruct}, status must be 200):
 * <pre>
 * {"hold": {"mode": "stream", "channels": [{"name": "counter-42"}],
 *           "keep-alive": {"content": ":\n\n", "timeout": 20}},
 *  "response": {"headers": {"Content-Type": "text/event-stream"}, "body": "stream open\n"}}
 * </pre>
 * Header instructions are read first and the JSON overrides them; the headers and body the client sees then
 * come only from {@code response}. A JSON keep-alive has no mode; it acts as {@code INTERVAL}.
 *
 * <p>Strings in {@link Header}s are wire text (one char per byte, as Netty decodes them); channel names, prev-ids,
 * filters and meta are decoded from UTF-8 as Pushpin does.
 */
public final class GripInstructionParser {

    /** Response-hold timeout when none is given, in seconds. */
    public static final int DEFAULT_TIMEOUT = 55;
    /** Smallest response-hold timeout; smaller values are raised to it. */
    public static final int MIN_TIMEOUT = 5;
    /** Most filters one channel may name ({@code too many filters for channel '<name>'} beyond). */
    public static final int MAX_FILTERS = 5;
    /** The content type of a JSON instruct body. */
    public static final String GRIP_INSTRUCT = "application/grip-instruct";

    private GripInstructionParser() {
    }

    /**
     * Returns whether a response carries GRIP instructions: any header whose name starts with {@code Grip-}
     * (ignoring case), or a {@code Content-Type} of {@value #GRIP_INSTRUCT} (parameters ignored).
     */
    public static boolean isGripResponse(List<Header> headers) {
        for (Header h : headers) {
            if (InstructBuilder.isGripHeader(h.name())) {
                return true;
            }
        }
        return isGripInstruct(headers);
    }

    /**
     * Parses the instructions of one origin response.
     *
     * @param status the origin's status code
     * @param reason the origin's reason phrase (wire text); empty or null means "use the standard one"
     * @param headers the origin's headers, in order, repeats kept
     * @param body the origin's whole body; not modified, and returned as the instruction's body unless a JSON
     *     instruct replaces it
     * @throws GripInstructionException with Pushpin's message when an instruction is malformed
     */
    public static GripInstruction parse(int status, String reason, List<Header> headers, byte[] body)
            throws GripInstructionException {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        InstructBuilder out = new InstructBuilder(status, reason, headers, body);
        HeaderInstruct.read(headers, out);
        if (isGripInstruct(headers)) {
            JsonInstruct.read(status, body, out);
        }
        return out.build();
    }

    private static boolean isGripInstruct(List<Header> headers) {
        String contentType = HeaderValues.first(headers, "Content-Type");
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = HeaderValues.trim(semi < 0 ? contentType : contentType.substring(0, semi));
        return type.equalsIgnoreCase(GRIP_INSTRUCT);
    }
}
