package dev.tack.proxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed, checked reads of one loaded config: the main file, then the {@code [global] include} file for
 * keys the main file lacks. String values get Pushpin's substitutions (docs/compatibility.md
 * "Configuration"): {@code {libdir}}, {@code {rundir}} and {@code {ipc_prefix}} are replaced, and the port
 * offset is added to the port of every {@code tcp://host:PORT} inside the value. Every bad value becomes a
 * {@link ConfigException} naming section, key, value and what was expected.
 */
final class ConfigValues {
    private final IniFile main;
    private final IniFile include;
    private final String libdir;
    private final String rundir;
    private final String ipcPrefix;
    private final int portOffset;

    /**
     * @param include the included file, or {@code null}
     */
    ConfigValues(IniFile main, IniFile include, String libdir, String rundir, String ipcPrefix, int portOffset) {
        this.main = main;
        this.include = include;
        this.libdir = libdir;
        this.rundir = rundir;
        this.ipcPrefix = ipcPrefix;
        this.portOffset = portOffset;
    }

    int portOffset() {
        return portOffset;
    }

    /** Returns the entry for {@code [section] key} from the main file, else the include, else {@code null}. */
    IniFile.Entry raw(String section, String key) {
        final IniFile.Entry e = main.get(section, key);
        return e != null || include == null ? e : include.get(section, key);
    }

    boolean has(String section, String key) {
        return raw(section, key) != null;
    }

    /** Returns the value with substitutions, or {@code def} (also substituted) when the key is absent. */
    String string(String section, String key, String def) throws ConfigException {
        final IniFile.Entry e = raw(section, key);
        return expand(section, key, e == null ? def : e.value());
    }

    /** Returns a comma-separated list (blank items dropped), or {@code def} split the same way. */
    List<String> list(String section, String key, String def) throws ConfigException {
        final IniFile.Entry e = raw(section, key);
        final String value = e == null ? def : e.value();
        final List<String> out = new ArrayList<>();
        if (e != null && e.quoted()) {
            out.add(expand(section, key, value));
            return out;
        }
        for (final String item : value.split(",")) {
            if (!item.isBlank()) {
                out.add(expand(section, key, item.strip()));
            }
        }
        return out;
    }

    /** Returns a boolean written {@code true/false}, {@code yes/no}, {@code on/off} or {@code 1/0}. */
    boolean bool(String section, String key, boolean def) throws ConfigException {
        final IniFile.Entry e = raw(section, key);
        if (e == null || e.value().isEmpty()) {
            return def;
        }
        switch (e.value().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw ConfigException.badValue(section, key, e.value(), "true or false");
        }
    }

    /** Returns an integer in {@code [min, max]}; an empty value counts as absent. */
    int integer(String section, String key, int def, int min, int max) throws ConfigException {
        final IniFile.Entry e = raw(section, key);
        if (e == null || e.value().isEmpty()) {
            return def;
        }
        final String expected = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer " + min + "-" + max;
        try {
            final int v = Integer.parseInt(e.value());
            if (v < min || v > max) {
                throw ConfigException.badValue(section, key, e.value(), expected);
            }
            return v;
        } catch (NumberFormatException ex) {
            throw ConfigException.badValue(section, key, e.value(), expected);
        }
    }

    /** Returns a long integer of at least {@code min}; an empty value counts as absent. */
    long longInteger(String section, String key, long def, long min) throws ConfigException {
        final IniFile.Entry e = raw(section, key);
        if (e == null || e.value().isEmpty()) {
            return def;
        }
        try {
            final long v = Long.parseLong(e.value());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException ex) {
            // reported below
        }
        throw ConfigException.badValue(section, key, e.value(), "an integer >= " + min);
    }

    /** Returns a port 0-65535 with the port offset added when it is not 0 (0 = any free port). */
    int port(String section, String key, int def) throws ConfigException {
        final int port = integer(section, key, def, 0, 65535);
        return offsetPort(section, key, String.valueOf(port), port);
    }

    /** Applies the substitutions of the class comment to {@code value}. */
    String expand(String section, String key, String value) throws ConfigException {
        final String vars = value.replace("{libdir}", libdir).replace("{rundir}", rundir)
                .replace("{ipc_prefix}", ipcPrefix);
        if (portOffset == 0 || !vars.contains("tcp://")) {
            return vars;
        }
        final StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        while ((at = vars.indexOf("tcp://", from)) >= 0) {
            final int hostStart = at + "tcp://".length();
            final int colon = vars.startsWith("[", hostStart)
                    ? vars.indexOf("]:", hostStart) + 1 : vars.indexOf(':', hostStart);
            if (colon <= 0) {
                break;
            }
            int end = colon + 1;
            while (end < vars.length() && Character.isDigit(vars.charAt(end))) {
                end++;
            }
            out.append(vars, from, colon + 1);
            if (end > colon + 1 && end - colon <= 6) {
                final int port = Integer.parseInt(vars.substring(colon + 1, end));
                out.append(offsetPort(section, key, value, port));
            } else {
                out.append(vars, colon + 1, end);
            }
            from = end;
        }
        return out.append(vars.substring(from)).toString();
    }

    private int offsetPort(String section, String key, String value, int port) throws ConfigException {
        if (port == 0 || portOffset == 0) {
            return port;
        }
        if (port + portOffset > 65535) {
            throw ConfigException.badValue(section, key, value,
                    "ports <= 65535 after adding port_offset " + portOffset);
        }
        return port + portOffset;
    }
}
