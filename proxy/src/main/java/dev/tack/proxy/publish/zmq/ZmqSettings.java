package dev.tack.proxy.publish.zmq;

import java.util.List;

/**
 * Where the ZeroMQ inputs listen, from {@code [handler]} (docs/compatibility.md "ZeroMQ inputs", "Configuration"), with
 * {@code port_offset} already applied. An empty spec (or an empty list) turns that input off. A port of {@code *} binds
 * an ephemeral port ({@link ZmqInputs} reports the one chosen).
 *
 * @param pushInSpec       {@code push_in_spec}, e.g. {@code tcp://127.0.0.1:5560}: PULL, bound
 * @param pushInSubSpecs   {@code push_in_sub_specs}, e.g. {@code tcp://127.0.0.1:5562}: one SUB socket bound to
 *                         (or connected to) each spec
 * @param pushInSubConnect {@code push_in_sub_connect}: the SUB socket connects to publishers instead of binding
 * @param commandSpec      {@code command_spec}, e.g. {@code tcp://127.0.0.1:5563}: REP, bound
 */
public record ZmqSettings(String pushInSpec, List<String> pushInSubSpecs, boolean pushInSubConnect,
                          String commandSpec) {

    public ZmqSettings {
        pushInSpec = pushInSpec == null ? "" : pushInSpec.trim();
        pushInSubSpecs = pushInSubSpecs == null ? List.of()
                : pushInSubSpecs.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        commandSpec = commandSpec == null ? "" : commandSpec.trim();
    }

    /** No ZeroMQ input at all. */
    public static ZmqSettings off() {
        return new ZmqSettings("", List.of(), false, "");
    }

    /** Every input on loopback with an ephemeral port, SUB bound: for tests and embedding. */
    public static ZmqSettings loopback() {
        String any = "tcp://127.0.0.1:*";
        return new ZmqSettings(any, List.of(any), false, any);
    }

    /** Whether at least one input is configured. */
    public boolean enabled() {
        return !pushInSpec.isEmpty() || !pushInSubSpecs.isEmpty() || !commandSpec.isEmpty();
    }
}
