package dev.tack.proxy.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.sig.GripSigVerifier;
import dev.tack.proxy.route.Route;
import dev.tack.proxy.route.RoutesParser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grip-Sig tokens: one signed per route and second, each valid for the hour after its second. */
class SignersTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static Route route(String line) throws Exception {
        return RoutesParser.parse(List.of(line), w -> { }).get(0);
    }

    @Test
    void requestsInOneSecondShareATokenAndTheNextSecondGetsItsOwn() throws Exception {
        MovingClock clock = new MovingClock();
        Route route = route("* 127.0.0.1:1");
        Signers signers = new Signers(List.of(route), "changeme", "pushpin", "", Path.of("."), clock);
        String first = signers.sign(route);
        clock.millis += 999;
        assertSame(first, signers.sign(route));
        clock.millis += 1;
        String next = signers.sign(route);
        assertNotEquals(first, next);
        GripSigVerifier verifier = GripSigVerifier.of("changeme", "pushpin");
        assertTrue(verifier.verify(next, 1_700_000_001L + 3599));
        assertFalse(verifier.verify(first, 1_700_000_000L + 3601));
    }

    @Test
    void aRouteWithoutAKeySignsNothing() throws Exception {
        Route route = route("* 127.0.0.1:1");
        Signers signers = new Signers(List.of(route), "", "pushpin", "", Path.of("."), Clock.systemUTC());
        assertNull(signers.sign(route));
        assertEquals(null, signers.sign(route));
    }
}
