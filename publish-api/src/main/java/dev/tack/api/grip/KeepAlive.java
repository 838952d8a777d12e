package dev.tack.api.grip;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a stream hold writes when it has been quiet for a while ({@code Grip-Keep-Alive}, docs/compatibility.md "GRIP
 * instructions"), e.g. {@code Grip-Keep-Alive: :\n\n; format=cstring; timeout=20} gives {@code data = ":\n\n"},
 * {@code timeoutSeconds = 20}, {@code mode = IDLE}.
 *
 * @param data the bytes to write, never empty; callers must not modify the array
 * @param timeoutSeconds the period, at least 1
 * @param mode whether publishes restart the timer ({@code IDLE}) or not ({@code INTERVAL})
 */
public record KeepAlive(byte[] data, int timeoutSeconds, KeepAliveMode mode) {
    public KeepAlive {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mode, "mode");
        if (data.length == 0) {
            throw new IllegalArgumentException("data: empty (expected: at least one byte)");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds: " + timeoutSeconds + " (expected: >= 1)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeepAlive k && Arrays.equals(data, k.data) && timeoutSeconds == k.timeoutSeconds
                && mode == k.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), timeoutSeconds, mode);
    }

    @Override
    public String toString() {
        return "KeepAlive[data=" + data.length + " bytes, timeoutSeconds=" + timeoutSeconds + ", mode=" + mode + "]";
    }
}
