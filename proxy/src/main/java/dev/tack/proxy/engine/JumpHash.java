package dev.tack.proxy.engine;

import java.nio.charset.StandardCharsets;

/**
 * Jump consistent hash (Lamping and Veach, 2014): spreads channels over N servers evenly, and when a server is
 * added moves only the channels that must move. Every node computes the same bucket for a name, since the key is a
 * 64-bit FNV-1a of its UTF-8 bytes, not a JVM hash.
 */
final class JumpHash {

    private JumpHash() {
    }

    static int bucket(String name, int buckets) {
        long key = fnv1a(name);
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * 2862933555777941757L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }

    private static long fnv1a(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
