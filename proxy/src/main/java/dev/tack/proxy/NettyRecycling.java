package dev.tack.proxy;

/**
 * How Netty's per-thread object pools are sized, set before any Netty class loads (by {@link TackMain}; the JMH
 * benchmarks pass the same values as {@code -D} options).
 *
 * <p>Every delivery writes one retained duplicate of the encoded bytes and one outbound-buffer entry, both taken
 * from these pools and returned when the write completes. Netty's defaults (4,096 objects per thread, returned
 * into a queue that grows in chunks of 32 slots) would overflow on a publish to more subscribers than that per
 * event loop, and even below it every burst of returns links fresh chunks, about 10 bytes of garbage per delivery.
 * With room for 32,768 objects in chunks of 16,384 slots a fan-out allocates nothing per subscriber
 * (bench/README.md, {@code FanOutBench}); the chunks cost 64 KB per pool and thread that uses it.
 */
public final class NettyRecycling {

    /** Objects one thread may keep pooled, per kind. */
    public static final String MAX_CAPACITY = "32768";
    /** Slots per chunk of a pool's return queue. */
    public static final String CHUNK_SIZE = "16384";

    private NettyRecycling() {
    }

    /** Sets the pool sizes unless the command line set them already. */
    static void configure() {
        if (System.getProperty("io.netty.recycler.maxCapacityPerThread") == null) {
            System.setProperty("io.netty.recycler.maxCapacityPerThread", MAX_CAPACITY);
        }
        if (System.getProperty("io.netty.recycler.chunkSize") == null) {
            System.setProperty("io.netty.recycler.chunkSize", CHUNK_SIZE);
        }
    }
}
