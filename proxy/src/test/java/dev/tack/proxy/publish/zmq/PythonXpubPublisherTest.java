package dev.tack.proxy.publish.zmq;

import static dev.tack.proxy.publish.zmq.ZmqTestbed.awaitBody;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tack.proxy.testing.Needs;
import dev.tack.proxy.testing.ProcessOutput;
import dev.tack.proxy.testing.StreamClients.Stream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A publisher as Pushpin's {@code tools/publish2.py} writes one: libzmq through python3-zmq, an XPUB socket
 * connected to Tack's SUB input, which sees who listens and sends items as {@code [channel, J<json>]}.
 */
class PythonXpubPublisherTest {

    /** Prints each subscription change it sees; on "send" publishes one item on "news"; "wait" reads one change. */
    private static final String PUBLISHER = String.join("\n",
            "import json, sys, zmq",
            "sock = zmq.Context().socket(zmq.XPUB)",
            "sock.setsockopt(zmq.RCVTIMEO, 20000)",
            "sock.connect(sys.argv[1])",
            "def change():",
            "    m = sock.recv()",
            "    print(('subscribe ' if m[0] == 1 else 'unsubscribe ') + m[1:].decode(), flush=True)",
            "item = json.dumps({'formats': {'http-stream': {'content': 'from python\\n'}}})",
            "change()",
            "for line in sys.stdin:",
            "    if line.strip() == 'send':",
            "        sock.send_multipart([b'news', b'J' + item.encode()])",
            "        print('sent', flush=True)",
            "    elif line.strip() == 'wait':",
            "        change()",
            "    else:",
            "        break",
            "");

    /** Debian's python (where apt puts python3-zmq) first, then whichever python3 the PATH finds; null if none. */
    private static String pythonWithZmq() throws InterruptedException {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import zmq").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not there: try the next
            }
        }
        return null;
    }

    @Test
    void aLibzmqXpubPublisherSeesSubscriptionsAndReachesTheClient() throws Exception {
        String interpreter = pythonWithZmq();
        Needs.external(interpreter != null, "python3 with ZeroMQ: apt-get install python3-zmq");
        try (ZmqTestbed bed = new ZmqTestbed(ZmqSettings.loopback(), 0)) {
            Process python = new ProcessBuilder(interpreter, "-c", PUBLISHER, bed.endpoints().sub().get(0))
                    .redirectErrorStream(true).start();
            List<String> out = ProcessOutput.lines(python, "python");
            try (Writer commands = new java.io.OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
                Stream stream = bed.hold("news");
                await().atMost(ZmqTestbed.PATIENCE).until(() -> out.contains("subscribe news"));
                commands.write("send\n");
                commands.flush();
                awaitBody(stream, "from python\n");
                commands.write("wait\n");
                commands.flush();
                stream.close();
                await().atMost(ZmqTestbed.PATIENCE).until(() -> out.contains("unsubscribe news"));
                commands.write("quit\n");
            } finally {
                if (!python.waitFor(20, TimeUnit.SECONDS)) {
                    python.destroyForcibly();
                }
            }
            assertEquals(List.of("subscribe news", "sent", "unsubscribe news"), out);
        }
    }
}
