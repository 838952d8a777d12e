package dev.tack.bench.micro;

import dev.tack.api.Header;
import dev.tack.api.grip.GripInstruction;
import dev.tack.api.grip.GripInstructionException;
import dev.tack.api.grip.GripInstructionParser;
import dev.tack.api.publish.PublishFormatException;
import dev.tack.api.publish.PublishItem;
import dev.tack.api.publish.PublishJson;
import dev.tack.proxy.delivery.WireEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-publish and per-request codecs: each runs once per publish or per origin response, never per
 * subscriber, but they bound how many publishes a core can take.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBench {

    private final byte[] publishBody = ("{\"items\":[{\"channel\":\"room-42\",\"id\":\"m-1001\",\"prev-id\":\"m-1000\","
            + "\"formats\":{\"ws-message\":{\"content\":\"{\\\"type\\\":\\\"question\\\",\\\"text\\\":\\\"Will the slides"
            + " be shared?\\\"}\"},\"http-stream\":{\"content\":\"event: question\\ndata: {\\\"id\\\":7}\\n\\n\"}}}]}")
            .getBytes(StandardCharsets.UTF_8);
    private final List<Header> gripHeaders = List.of(new Header("Content-Type", "text/event-stream"),
            new Header("Grip-Hold", "stream"), new Header("Grip-Channel", "counter-1; prev-id=7, counter-all"),
            new Header("Grip-Keep-Alive", ":\\n\\n; format=cstring; timeout=20"), new Header("Cache-Control", "no-cache"));
    private final byte[] gripBody = "event: hello\ndata: welcome\n\n".getBytes(StandardCharsets.UTF_8);
    private final byte[] message = "{\"type\":\"question\",\"text\":\"Will the slides be shared?\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Benchmark
    public List<PublishItem> publishJsonDecode() throws PublishFormatException {
        return PublishJson.decodeRequest(publishBody);
    }

    @Benchmark
    public GripInstruction gripInstructionParse() throws GripInstructionException {
        return GripInstructionParser.parse(200, "OK", gripHeaders, gripBody);
    }

    @Benchmark
    public int webSocketFrameEncode() {
        ByteBuf frame = WireEncoding.webSocketFrame(alloc, WireEncoding.OPCODE_TEXT, message);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    @Benchmark
    public int httpChunkEncode() {
        ByteBuf chunk = WireEncoding.httpChunk(alloc, message);
        int size = chunk.readableBytes();
        chunk.release();
        return size;
    }

    /** An SSE event is the publisher's text in one chunk: the cost is the UTF-8 bytes plus the chunk. */
    @Benchmark
    public int sseEventEncode() {
        byte[] event = ("event: question\ndata: " + "{\"id\":7,\"votes\":3}" + "\n\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf chunk = WireEncoding.httpChunk(alloc, event);
        int size = chunk.readableBytes();
        chunk.release();
        return size;
    }
}
