package dev.tack.proxy.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw content of one INI file in the {@code pushpin.conf} dialect: {@code [section]} headers,
 * {@code key=value} lines, and whole-line comments starting with {@code #} or {@code ;}. A value is kept as
 * written, without surrounding blanks; a value wholly inside double quotes loses the quotes and is never
 * split into a list (Qt's QSettings rule, which Pushpin uses). A {@code #} inside a value is part of it.
 * A later duplicate key wins. Keys before the first section header go to section {@code ""}.
 */
final class IniFile {
    /** One value and where it was written. */
    record Entry(String value, boolean quoted, int line) {
    }

    private final String source;
    private final Map<String, Map<String, Entry>> sections;

    private IniFile(String source, Map<String, Map<String, Entry>> sections) {
        this.source = source;
        this.sections = sections;
    }

    /**
     * Parses {@code lines}.
     *
     * @param source the file name used in error messages
     * @throws ConfigException for a line that is neither a section header, a key, a comment nor blank
     */
    static IniFile parse(String source, List<String> lines) throws ConfigException {
        final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            final int lineNumber = i + 1;
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank()) {
                throw new ConfigException(source + ":" + lineNumber + ": " + line
                        + " (expected: [section], key=value, or a comment starting with # or ;)");
            }
            final String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            final boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
            if (quoted) {
                value = value.substring(1, value.length() - 1);
            }
            sections.computeIfAbsent(section, s -> new LinkedHashMap<>())
                    .put(key, new Entry(value, quoted, lineNumber));
        }
        return new IniFile(source, sections);
    }

    /** Returns the file name used in messages. */
    String source() {
        return source;
    }

    /** Returns the entry for {@code [section] key}, or {@code null}. */
    Entry get(String section, String key) {
        final Map<String, Entry> keys = sections.get(section);
        return keys == null ? null : keys.get(key);
    }

    /** Returns every section with its keys, in file order. */
    Map<String, Map<String, Entry>> sections() {
        return Collections.unmodifiableMap(sections);
    }
}
