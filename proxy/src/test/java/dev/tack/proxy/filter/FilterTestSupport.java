package dev.tack.proxy.filter;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;

/** Small helpers shared by the filter tests. */
final class FilterTestSupport {

    private FilterTestSupport() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the content of a {@link FilterResult.Send}, failing on anything else. */
    static String sent(FilterResult result) {
        return new String(assertInstanceOf(FilterResult.Send.class, result).content(), StandardCharsets.UTF_8);
    }

    /** Returns the message of a {@link FilterResult.Error}, failing on anything else. */
    static String error(FilterResult result) {
        return assertInstanceOf(FilterResult.Error.class, result).message();
    }
}
