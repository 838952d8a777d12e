package dev.tack.proxy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.OriginServer;
import dev.tack.proxy.testing.OriginServer.Reply;
import dev.tack.proxy.testing.TackFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A JSON number too large for a double ({@code 1e400} reads as infinity) where an integer is expected is the wrong
 * type, like any other non-integer: a publisher gets 400, a GRIP instruction is a 502 for its client. (The ZeroMQ
 * inputs: {@code ZmqInputsTest}.)
 */
class HugeNumberTest {

    private OriginServer origin;
    private TackFixture tack;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        tack = TackFixture.start(List.of("*,debug 127.0.0.1:" + origin.port()));
    }

    @AfterEach
    void stop() {
        tack.close();
        origin.close();
    }

    @Test
    void hugeNumberInAPublishIsA400() throws Exception {
        HttpResponse<String> response = tack.publish("{\"items\":[{\"channel\":\"news\",\"size\":1e400,"
                + "\"formats\":{\"http-stream\":{\"content\":\"x\"}}}]}");
        assertEquals(400, response.statusCode());
        assertEquals("Invalid format: publish item object contains 'size' with wrong type\n", response.body());
        HttpResponse<String> code = tack.publish("{\"items\":[{\"channel\":\"news\","
                + "\"formats\":{\"http-response\":{\"code\":-1e400,\"body\":\"x\"}}}]}");
        assertEquals(400, code.statusCode());
        assertEquals("Invalid format: 'http-response' contains 'code' with wrong type\n", code.body());
    }

    @Test
    void hugeNumberInAGripInstructionIsA502() throws Exception {
        origin.on("/instruct", r -> Reply.of(200, "{\"hold\":{\"mode\":\"response\",\"channels\":[{\"name\":\"news\"}],"
                + "\"timeout\":1e400}}", "Content-Type", "application/grip-instruct"));
        HttpResponse<String> response = tack.http().send(HttpRequest.newBuilder(tack.clientUri("/instruct"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(502, response.statusCode());
        assertTrue(response.body().startsWith("Failed to parse accept instructions: "), response.body());
        assertTrue(response.body().contains("'timeout' with wrong type"), response.body());
    }
}
