package dev.tack.bench.origin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench origin}: runs the GRIP origin until the process is stopped. */
@Command(name = "origin", mixinStandardHelpOptions = true,
        description = "Run the bench GRIP origin that subscribers' requests are routed to. Route to it from the "
                + "proxy with over_http, e.g. routes line: * 127.0.0.1:8090,over_http")
public final class OriginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8090", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", defaultValue = "1", description = "Event loop threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port: " + port + " (expected: 0-65535)");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads: " + threads + " (expected: >= 1)");
        }
        try (GripOrigin origin = GripOrigin.start(host, port, threads)) {
            System.out.println("bench origin listening on " + host + ":" + origin.port());
            System.out.flush();
            origin.awaitClose();
        }
        return 0;
    }
}
