package dev.tack.bench.client;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which transport each subscriber uses: weighted shares assigned in a fixed rotation, so a run is
 * reproducible. {@code ws:3,sse:1} gives three WebSocket subscribers for every SSE one; {@code sse} alone
 * means all SSE.
 */
public record TransportMix(List<Share> shares) {
    /** One transport and its weight (at least 1). */
    public record Share(Transport transport, int weight) {
        public Share {
            if (weight < 1) {
                throw new IllegalArgumentException("weight of " + transport.label() + ": " + weight
                        + " (expected: an integer >= 1)");
            }
        }
    }

    public TransportMix {
        shares = List.copyOf(shares);
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("transport mix is empty (expected: e.g. sse or ws:1,sse:1)");
        }
    }

    /**
     * Parses {@code name[:weight],...}, e.g. {@code ws}, {@code ws,sse,stream,poll} or {@code ws:3,sse:1}.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static TransportMix parse(String text) {
        List<Share> shares = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int colon = p.indexOf(':');
            Transport t = Transport.parse(colon < 0 ? p : p.substring(0, colon));
            int weight = 1;
            if (colon >= 0) {
                try {
                    weight = Integer.parseInt(p.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("transport share: '" + p
                            + "' (expected: name:weight with an integer weight, e.g. ws:3)");
                }
            }
            for (Share s : shares) {
                if (s.transport() == t) {
                    throw new IllegalArgumentException("transport " + t.label() + " is listed twice in '" + text
                            + "' (expected: each transport at most once)");
                }
            }
            shares.add(new Share(t, weight));
        }
        return new TransportMix(shares);
    }

    /** The transport of the subscriber at rotation slot {@code slot} (any non-negative integer). */
    public Transport transportFor(int slot) {
        int total = shares.stream().mapToInt(Share::weight).sum();
        int r = slot % total;
        for (Share s : shares) {
            if (r < s.weight()) {
                return s.transport();
            }
            r -= s.weight();
        }
        throw new IllegalStateException("unreachable: slot " + slot + " beyond total weight " + total);
    }

    @Override
    public String toString() {
        return shares.stream().map(s -> s.transport().label() + ":" + s.weight()).collect(Collectors.joining(","));
    }
}
