package dev.tack.proxy.route;

import java.util.ArrayList;
import java.util.List;

/**
 * One space-separated part of a routes line: a value and its comma-separated props, in the order written.
 * In {@code localhost:8080,over_http,sub=a,sub=b} the value is {@code localhost:8080} and the props are
 * {@code over_http} (empty value), {@code sub=a} and {@code sub=b}.
 */
record RouteSection(String value, List<Prop> props) {
    /** One {@code name[=value]} prop; a bare name has the value {@code ""}. */
    record Prop(String name, String value) {
    }

    RouteSection {
        props = List.copyOf(props);
    }

    boolean has(String name) {
        return props.stream().anyMatch(p -> p.name().equals(name));
    }

    /** Returns the value of the last prop called {@code name} (a later one wins), or {@code null}. */
    String value(String name) {
        String out = null;
        for (final Prop p : props) {
            if (p.name().equals(name)) {
                out = p.value();
            }
        }
        return out;
    }

    /** Returns the values of every prop called {@code name}, in order. */
    List<String> values(String name) {
        final List<String> out = new ArrayList<>();
        for (final Prop p : props) {
            if (p.name().equals(name)) {
                out.add(p.value());
            }
        }
        return out;
    }
}
