package dev.tack.api.properties;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstructionException;
import dev.tack.api.grip.GripInstructionParser;
import dev.tack.api.grip.GripLast;
import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishJson;
import dev.tack.api.sig.GripSigKey;
import dev.tack.api.sig.GripSigVerifier;
import dev.tack.api.ws.WsControlCodec;
import dev.tack.api.ws.WsEventCodec;
import dev.tack.api.ws.WsEventFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every decoder of outside input in publish-api, fed generated and mutated input: none throws anything but its own
 * declared error (docs/reliability.md "Protocol errors"). A publisher, an origin or a client can send any bytes; a
 * decoder that throws something else would be a bug that ends more than one request.
 */
class DecoderProperties {

    private static final List<String> PUBLISH_SEEDS = List.of(
            "{\"items\":[{\"channel\":\"c\",\"id\":\"2\",\"prev-id\":\"1\",\"formats\":{\"http-stream\":"
                    + "{\"content\":\"hi\\n\"}}}]}",
            "{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-response\":{\"code\":200,\"reason\":\"OK\","
                    + "\"headers\":[[\"X-A\",\"b\"]],\"body-bin\":\"aGk=\"}}}]}",
            "{\"items\":[{\"channel\":\"c\",\"formats\":{\"http-response\":{\"body-patch\":[{\"op\":\"add\","
                    + "\"path\":\"/a\",\"value\":1}]}}}]}",
            "{\"items\":[{\"channel\":\"c\",\"formats\":{\"ws-message\":{\"action\":\"close\",\"code\":4000,"
                    + "\"reason\":\"bye\"}}}]}",
            "{\"items\":[{\"channel\":\"c\",\"meta\":{\"k\":\"v\"},\"no-seq\":true,\"formats\":{\"ws-message\":"
                    + "{\"content-bin\":\"AQI=\",\"content-filters\":[\"skip-self\"]}}}]}",
            "{\"items\":[{\"channel\":\"c\",\"ws-message\":{\"type\":\"ping\"},\"http-stream\":{\"action\":\"close\"}}]}");

    private static final List<String> INSTRUCT_SEEDS = List.of(
            "{\"hold\":{\"mode\":\"response\",\"channels\":[{\"name\":\"a\",\"prev-id\":\"1\",\"filters\":"
                    + "[\"skip-self\"]}],\"timeout\":30},\"response\":{\"code\":200,\"body\":\"x\"}}",
            "{\"hold\":{\"mode\":\"stream\",\"channels\":[{\"name\":\"a\"}],\"keep-alive\":{\"content\":\":\\n\","
                    + "\"timeout\":20}},\"response\":{\"headers\":{\"Content-Type\":\"text/plain\"},\"body-bin\":\"eA==\"}}",
            "{\"hold\":{\"mode\":\"response\",\"channels\":[{\"name\":\"a\"}]},\"meta\":{\"user\":\"1\"}}");

    private static final List<String[]> HEADER_SEEDS = List.of(
            new String[] {"Grip-Hold", "stream"},
            new String[] {"Grip-Channel", "a; prev-id=1; filter=skip-self, b"},
            new String[] {"Grip-Timeout", "30"},
            new String[] {"Grip-Keep-Alive", "\\n; format=cstring; timeout=20; mode=interval"},
            new String[] {"Grip-Link", "</next?x=1>; rel=next; timeout=120, </gone>; rel=gone"},
            new String[] {"Grip-Status", "201 Created"},
            new String[] {"Grip-Set-Meta", "user=1, room=\"a b\""},
            new String[] {"Grip-Expose-Headers", "X-A, X-B"},
            new String[] {"Grip-Last", "a; last-id=1"});

    private static final List<String> EVENT_SEEDS = List.of(
            "OPEN\r\nTEXT 5\r\nhello\r\nBINARY 2\r\nab\r\nPING\r\nPONG 1\r\nx\r\n",
            "CLOSE 2\r\n\u0003\u00e8\r\nDISCONNECT\r\n",
            "TEXT 2f\r\nc:{\"type\":\"subscribe\",\"channel\":\"room-42\"}\r\n");

    private static final List<String> CONTROL_SEEDS = List.of(
            "{\"type\":\"subscribe\",\"channel\":\"a\",\"filters\":[\"skip-self\"]}",
            "{\"type\":\"unsubscribe\",\"channel\":\"a\"}",
            "{\"type\":\"keep-alive\",\"content\":\"ping\",\"message-type\":\"text\",\"timeout\":30,\"mode\":\"idle\"}",
            "{\"type\":\"send-delayed\",\"content-bin\":\"AQI=\",\"timeout\":1}",
            "{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"1\"}",
            "{\"type\":\"detach\"}");

    @Provide
    Arbitrary<String> publishBodies() {
        return Arbitraries.oneOf(Mutations.of(PUBLISH_SEEDS), deepJson());
    }

    /** JSON nested deeper than any decoder should follow. */
    private static Arbitrary<String> deepJson() {
        return Arbitraries.integers().between(1, 5000).map(depth -> "{\"items\":" + "[".repeat(depth)
                + "]".repeat(depth) + "}");
    }

    @Property(tries = 1000)
    void publishJsonThrowsOnlyItsOwnError(@ForAll("publishBodies") String body) {
        try {
            PublishJson.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
        } catch (PublishFormatException expected) {
            // a clear 400 for the publisher
        }
    }

    @Property(tries = 300)
    void publishJsonTakesAnyBytes(@ForAll byte[] body) {
        try {
            PublishJson.decodeRequest(body);
        } catch (PublishFormatException expected) {
            // a clear 400 for the publisher
        }
    }

    @Provide
    Arbitrary<List<Header>> gripHeaders() {
        Arbitrary<Header> one = Arbitraries.of(HEADER_SEEDS).flatMap(pair -> Mutations.of(List.of(pair[1]))
                .map(value -> new Header(pair[0], value)));
        return one.list().ofMaxSize(6);
    }

    @Property(tries = 1000)
    void gripHeadersThrowOnlyTheirOwnError(@ForAll("gripHeaders") List<Header> headers,
            @ForAll("statuses") int status) {
        try {
            GripInstructionParser.parse(status, null, headers, new byte[0]);
        } catch (GripInstructionException expected) {
            // a 502 naming the instruction
        }
        GripLast.parse(headers);
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.oneOf(Arbitraries.of(200, 201, 304, 404), Arbitraries.integers().between(-5, 1200));
    }

    @Provide
    Arbitrary<String> instructBodies() {
        return Mutations.of(INSTRUCT_SEEDS);
    }

    @Property(tries = 1000)
    void gripInstructBodiesThrowOnlyTheirOwnError(@ForAll("instructBodies") String body,
            @ForAll("gripHeaders") List<Header> extra) {
        List<Header> headers = new ArrayList<>(extra);
        headers.add(new Header("Content-Type", "application/grip-instruct"));
        try {
            GripInstructionParser.parse(200, "OK", headers, body.getBytes(StandardCharsets.UTF_8));
        } catch (GripInstructionException expected) {
            // a 502 naming the instruction
        }
    }

    @Provide
    Arbitrary<byte[]> eventBodies() {
        return Arbitraries.oneOf(Mutations.of(EVENT_SEEDS).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    }

    @Property(tries = 1000)
    void webSocketOverHttpBodiesThrowOnlyTheirOwnError(@ForAll("eventBodies") byte[] body) {
        try {
            WsEventCodec.decode(body);
        } catch (WsEventFormatException expected) {
            // the origin's reply is refused
        }
    }

    @Provide
    Arbitrary<String> controlMessages() {
        return Mutations.of(CONTROL_SEEDS);
    }

    @Property(tries = 1000)
    void controlMessagesNeverThrow(@ForAll("controlMessages") String json) {
        WsControlCodec.parse(json);
    }

    @Provide
    Arbitrary<String> tokens() {
        String valid = new dev.tack.api.sig.GripSigner(GripSigKey.secret("k".getBytes(StandardCharsets.UTF_8)),
                "iss").sign(1_700_000_000L);
        return Combinators.combine(Mutations.of(List.of(valid)), Arbitraries.just(valid)).as((t, v) -> t);
    }

    @Property(tries = 800)
    void signatureTokensNeverThrow(@ForAll("tokens") String token) {
        GripSigVerifier.of("k", null).verify(token, 1_700_000_000L);
    }
}
