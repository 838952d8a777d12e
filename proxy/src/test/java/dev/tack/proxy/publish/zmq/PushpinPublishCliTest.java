package dev.tack.proxy.publish.zmq;

import static dev.tack.proxy.publish.zmq.ZmqTestbed.awaitBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.proxy.testing.StreamClients.Stream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pushpin's own publisher, {@code pushpin-publish --spec tcp://...}, which PUSH-connects and sends a bare
 * tnetstring item (docs/compatibility.md "pushpin-publish"). Skipped where Pushpin is not installed; CI installs it.
 */
class PushpinPublishCliTest {

    private static final Path CLI = Path.of("/usr/bin/pushpin-publish");

    @Test
    void pushpinPublishOverZmqReachesAHeldStream() throws Exception {
        dev.tack.proxy.testing.Needs.external(Files.isExecutable(CLI),
                CLI + " is not installed (Debian/Ubuntu package pushpin); skipping the pushpin-publish check");
        try (ZmqTestbed bed = new ZmqTestbed()) {
            Stream stream = bed.hold("test");
            List<String> command = List.of(CLI.toString(), "--spec", bed.endpoints().pull(), "test", "hello");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertTrue(process.waitFor(ZmqTestbed.PATIENCE.toSeconds(), TimeUnit.SECONDS),
                    "pushpin-publish did not exit");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertEquals("Published\n", output);
            awaitBody(stream, "hello\n");
        }
    }
}
