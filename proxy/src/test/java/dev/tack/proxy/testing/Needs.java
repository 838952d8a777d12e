package dev.tack.proxy.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need something outside Maven (Chromium, Debian's Pushpin package): on a bare machine they are
 * skipped with a message saying how to install it; where the environment says the thing must be there (CI sets
 * {@code TACK_REQUIRE_EXTERNALS=1}), a missing one fails the test instead.
 */
public final class Needs {

    private Needs() {
    }

    public static void external(boolean present, String howToInstall) {
        if (System.getenv("TACK_REQUIRE_EXTERNALS") != null) {
            Assertions.assertTrue(present, "required in this environment: " + howToInstall);
        } else {
            Assumptions.assumeTrue(present, howToInstall);
        }
    }
}
