package dev.tack.proxy.publish.zmq;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tack.api.publish.PublishFormatException;
import dev.tack.proxy.metrics.TackMetrics;
import dev.tack.proxy.publish.PublishService;
import dev.tack.proxy.subscription.SubscriptionRegistry;
import dev.tack.proxy.testing.LogCapture;
import dev.tack.proxy.time.TimeSource;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * The ZeroMQ inputs' decoders fed generated tnetstrings, broken at random bytes, and noise: the tnetstring parser
 * throws only {@link TnetstringException}, an item message only {@link PublishFormatException}, and the command
 * socket always answers (docs/reliability.md "Protocol errors").
 */
class TnetstringProperties {

    /** A tnetstring value of up to {@code depth} levels: byte strings, numbers, booleans, null, lists and dicts. */
    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12)
                .map(s -> s.getBytes(StandardCharsets.UTF_8).length + ":" + s + ",");
        Arbitrary<String> integer = Arbitraries.longs().map(n -> {
            String digits = Long.toString(n);
            return digits.length() + ":" + digits + "#";
        });
        Arbitrary<String> real = Arbitraries.doubles().map(d -> {
            String digits = Double.toString(d);
            return digits.length() + ":" + digits + "^";
        });
        Arbitrary<String> flag = Arbitraries.of("4:true!", "5:false!", "0:~");
        if (depth == 0) {
            return Arbitraries.oneOf(text, integer, real, flag);
        }
        Arbitrary<String> list = value(depth - 1).list().ofMaxSize(4).map(items -> wrap(String.join("", items), ']'));
        Arbitrary<String> dict = Combinators.combine(text, value(depth - 1)).as((k, v) -> k + v).list().ofMaxSize(4)
                .map(pairs -> wrap(String.join("", pairs), '}'));
        return Arbitraries.oneOf(text, integer, real, flag, list, dict);
    }

    private static String wrap(String payload, char type) {
        return payload.getBytes(StandardCharsets.UTF_8).length + ":" + payload + type;
    }

    /** A valid item message as pushpin-publish sends it, as a seed to break. */
    private static final String ITEM = wrap("7:channel,1:c," + "7:formats," + wrap("11:http-stream,"
            + wrap("7:content,3:hi\n,", '}'), '}'), '}');

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<byte[]> generated = Arbitraries.oneOf(value(3), Arbitraries.just(ITEM))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> broken = Combinators.combine(generated, Arbitraries.integers().between(0, 1000),
                Arbitraries.bytes()).as(TnetstringProperties::breakAt);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, generated),
                net.jqwik.api.Tuple.of(5, broken),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3000).map(TnetstringProperties::deep)));
    }

    /** Replaces the byte at {@code where} (modulo the length) with {@code with}, or cuts the message there. */
    private static byte[] breakAt(byte[] message, int where, byte with) {
        if (message.length == 0) {
            return message;
        }
        int at = where % message.length;
        if (with < 0) {
            return java.util.Arrays.copyOf(message, at);
        }
        byte[] out = message.clone();
        out[at] = with;
        return out;
    }

    /** Lists nested {@code depth} deep: {@code 3:0:],]} and so on. */
    private static byte[] deep(int depth) {
        String value = "0:]";
        for (int i = 1; i < depth; i++) {
            value = wrap(value, ']');
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Property(tries = 1000)
    void tnetstringsThrowOnlyTheirOwnError(@ForAll("messages") byte[] message) {
        try {
            Tnetstring.parse(message, 0);
        } catch (TnetstringException expected) {
            // a refused message, named in the log
        }
    }

    @Property(tries = 1000)
    void itemMessagesThrowOnlyTheirOwnError(@ForAll("messages") byte[] message, @ForAll boolean json) {
        byte[] framed = message;
        if (json) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('J');
            out.writeBytes(message);
            framed = out.toByteArray();
        }
        try {
            ZmqItems.decode(framed, null);
        } catch (PublishFormatException expected) {
            // a refused item, counted
        }
    }

    private final LogCapture quiet = new LogCapture(ZmqCommands.class.getName());
    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final TackMetrics metrics = new TackMetrics("");
    private final SubscriptionRegistry registry = new SubscriptionRegistry(loops);
    private final ZmqCommands commands = new ZmqCommands(PublishService.local(registry,
            UnpooledByteBufAllocator.DEFAULT, metrics, 5000, 0, loops.next(), TimeSource.LOOPS), metrics, registry,
            JsonNodeFactory.instance.objectNode());

    @AfterProperty
    void stopLoops() {
        quiet.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Property(tries = 500)
    void theCommandSocketAlwaysAnswers(@ForAll("messages") byte[] request) {
        byte[] answer = commands.answer(request);
        if (answer == null || answer.length == 0) {
            throw new AssertionError("no answer to " + new String(request, StandardCharsets.ISO_8859_1));
        }
    }
}
