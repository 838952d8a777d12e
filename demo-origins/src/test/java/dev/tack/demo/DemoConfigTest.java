package dev.tack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

    @Test
    void defaultsListenOn8080AndPublishToLocalTack() {
        DemoConfig c = DemoConfig.parse(List.of());
        assertEquals(8080, c.port());
        assertEquals("127.0.0.1", c.bindHost());
        assertEquals(URI.create("http://127.0.0.1:5561/publish/"), c.publishUrl().publishUri());
        assertEquals("changeme", c.verifyKey());
    }

    @Test
    void flagsTakeSeparateOrInlineValues() {
        DemoConfig c = DemoConfig.parse(List.of("--port", "9000", "--grip-url=http://h:1/?key=K", "--verify-key", "",
                "--verify-iss", "pushpin", "--bind", "0.0.0.0"));
        assertEquals(9000, c.port());
        assertEquals("0.0.0.0", c.bindHost());
        assertEquals(List.of(new Header("Authorization", "Bearer K")), c.publishUrl().authorizationHeaders(0));
        assertEquals("", c.verifyKey());
        assertEquals("pushpin", c.verifyIss());
    }

    @Test
    void counterPublishesToTheFastlyPathOfTheGripUrlsHost() {
        DemoConfig c = DemoConfig.parse(List.of("--grip-url", "http://127.0.0.1:5561/?iss=x&key=y",
                "--fastly-service-id", "SVC1", "--fastly-key", "k&1"));
        assertEquals(URI.create("http://127.0.0.1:5561/service/SVC1/publish/"), c.counterPublishUrl().publishUri());
        assertEquals(List.of(new Header("Fastly-Key", "k&1")), c.counterPublishUrl().authorizationHeaders(0));
    }

    @Test
    void fastlyGripUrlIsUsedByTheCounterAsIs() {
        DemoConfig c = DemoConfig.parse(List.of("--grip-url", "http://h:1/service/ABC?key=T"));
        assertEquals(URI.create("http://h:1/service/ABC/publish/"), c.counterPublishUrl().publishUri());
    }

    @Test
    void badPortIsNamed() {
        assertEquals("--port: \"http\" (expected: 0-65535)",
                assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(List.of("--port", "http")))
                        .getMessage());
        assertEquals("--port: 70000 (expected: 0-65535)",
                assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(List.of("--port", "70000")))
                        .getMessage());
    }

    @Test
    void badGripUrlIsNamed() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> DemoConfig.parse(List.of("--grip-url", "localhost:5561"))).getMessage();
        assertTrue(message.startsWith("--grip-url: GRIP URL localhost:5561"), message);
    }

    @Test
    void unknownFlagIsNamed() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> DemoConfig.parse(List.of("--colour", "red"))).getMessage();
        assertTrue(message.startsWith("unknown option --colour (expected: --port"), message);
    }

    @Test
    void flagWithoutValueIsNamed() {
        assertEquals("--port: no value (expected: --port VALUE; see --help)",
                assertThrows(IllegalArgumentException.class, () -> DemoConfig.parse(List.of("--port"))).getMessage());
    }
}
