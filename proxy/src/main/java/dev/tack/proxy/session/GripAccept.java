package dev.tack.proxy.session;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.GripInstructionException;
import dev.tack.api.grip.GripInstructionParser;
import dev.tack.api.grip.HoldMode;
import dev.tack.proxy.origin.OriginRequest;
import dev.tack.proxy.origin.OriginResponse;
import dev.tack.proxy.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a GRIP instruction (docs/compatibility.md "GRIP instructions"): parses the origin's whole response once
 * into a {@link GripInstruction} and works out the channels to hold on. An instruction Tack cannot accept is an
 * {@link Refused} answer for the client, never an exception. For example
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: application/grip-instruct
 *
 * {"hold": {"mode": "response", "channels": [{"name": "news"}], "timeout": 1e400}}
 * </pre>
 * is refused with {@code 502} and {@code Failed to parse accept instructions: hold contains 'timeout' with wrong
 * type}.
 */
final class GripAccept {

    private static final Logger log = LoggerFactory.getLogger(GripAccept.class);

    /** What accepting gave. */
    sealed interface Outcome permits Accepted, Refused {
    }

    /** The instruction and the final channel names (route prefix applied, limit enforced). */
    record Accepted(GripInstruction instruction, List<String> channels) implements Outcome {
    }

    /**
     * The client gets {@code status} with {@code text}; {@code detail} explains it in the log, and replaces
     * {@code text} on debug routes (or always when {@code alwaysShown}).
     */
    record Refused(int status, String text, String detail, boolean alwaysShown) implements Outcome {
    }

    private GripAccept() {
    }

    /**
     * @param requestBytes the size of the client's request body: an instruction cannot hold a request larger
     *     than Pushpin's {@code MAX_ACCEPT_REQUEST_BODY}
     * @param implicitChannels the target's {@code sub=} channels
     * @param subscriptionMax {@code connection_subscription_max}
     */
    static Outcome accept(OriginResponse response, Route route, long requestBytes, List<String> implicitChannels,
            int subscriptionMax) {
        if (requestBytes > OriginRequest.MAX_ACCEPT_BODY) {
            return new Refused(400, "Request too large to accept GRIP instruct.",
                    "request body of " + requestBytes + " bytes", false);
        }
        GripInstruction instruction;
        try {
            instruction = GripInstructionParser.parse(response.status(), response.reason(), response.headers(),
                    response.body());
        } catch (GripInstructionException | RuntimeException e) {
            // A RuntimeException here is a parser bug, but it came from the origin's input: it ends this request
            // only, with the same answer as any instruction that does not parse.
            if (!(e instanceof GripInstructionException)) {
                log.warn("GRIP instruction from " + response.target() + " broke the parser: " + e);
            }
            return new Refused(502, "Error while proxying to origin.",
                    "Failed to parse accept instructions: " + e.getMessage(), false);
        }
        return new Accepted(instruction, channelNames(instruction, route, implicitChannels, subscriptionMax));
    }

    /**
     * The instruction of a GRIP response head whose body may go to the client as it arrives, before the hold
     * starts, when it is too large to buffer (Pushpin's "accept after responding", {@code proxysession.cpp}): a
     * {@code Grip-Hold: stream}, or no hold but a next link (the link's answers follow the body), in headers (not a
     * JSON instruct), with no channel using the {@code build-id} filter, which must see the whole body. Empty for
     * any other response, which stays limited to the buffer.
     */
    static Optional<GripInstruction> streamableHead(int status, String reason, List<Header> headers) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase("Content-Type")
                    && header.value().toLowerCase(Locale.ROOT).startsWith(GripInstructionParser.GRIP_INSTRUCT)) {
                return Optional.empty();
            }
        }
        GripInstruction instruction;
        try {
            instruction = GripInstructionParser.parse(status, reason, headers, new byte[0]);
        } catch (GripInstructionException | RuntimeException e) {
            return Optional.empty();
        }
        boolean buildId = instruction.channels().stream().anyMatch(c -> c.filters().contains("build-id"));
        boolean streams = instruction.hold() == HoldMode.STREAM
                || instruction.hold() == null && instruction.nextLink() != null;
        return streams && !buildId ? Optional.of(instruction) : Optional.empty();
    }

    /** Whether a response head makes the response a GRIP instruction. */
    static boolean isInstruction(List<Header> headers) {
        return GripInstructionParser.isGripResponse(headers);
    }

    /**
     * The channels to subscribe: the instruction's, with the route's {@code prefix}, cut to {@code
     * connection_subscription_max}, plus the target's implicit {@code sub=} channels. The first names are the
     * instruction's channels in order (a next link's answer is read the same way).
     */
    static List<String> channelNames(GripInstruction instruction, Route route, List<String> implicitChannels,
            int subscriptionMax) {
        List<String> channels = new ArrayList<>();
        String prefix = route.channelPrefix() == null ? "" : route.channelPrefix();
        for (var channel : instruction.channels()) {
            if (channels.size() >= subscriptionMax) {
                log.debug("too many subscriptions, ignoring channel " + channel.name());
                break;
            }
            channels.add(prefix + channel.name());
        }
        for (String implicit : implicitChannels) {
            if (!channels.contains(prefix + implicit)) {
                channels.add(prefix + implicit);
            }
        }
        return channels;
    }
}
