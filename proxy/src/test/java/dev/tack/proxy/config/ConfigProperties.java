package dev.tack.proxy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.tack.proxy.testing.LogCapture;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Config files and values, generated and broken: reading them ends in a {@link ConfigException} naming section and
 * key, or in a configuration, never in another exception (docs/reliability.md "Protocol errors").
 */
class ConfigProperties {

    private static Path dir;
    /** The loader's warnings about generated files are expected; they stay out of the build log. */
    private static LogCapture quiet;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("tack-config-properties");
        quiet = new LogCapture(ConfigLoader.class.getName());
    }

    @AfterContainer
    static void removeDir() throws IOException {
        quiet.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every key Tack reads, with its section. */
    private static List<String[]> keys() {
        return KnownKeys.USED.entrySet().stream().flatMap(e -> e.getValue().stream()
                .map(k -> new String[] {e.getKey(), k})).toList();
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "0", "-1", "1", "65535", "65536", "2147483648", "true", "no", "1e3", "0x10",
                        "tcp://127.0.0.1:5560", "tcp://*:99999", "ipc://x", "redis://h:1", "nats://", "a,b,,c",
                        "truncate:0,append", "truncate:", "base64:%%%", "file:/nonexistent", "{libdir}/x",
                        "\"quoted\"", "\"unterminated", "127.0.0.1:7999", "[::1]:80", "json", "pushpin"),
                Arbitraries.strings().withChars("0123456789-+,:;=/.*[]{}\"\\ abcxyz").ofMaxLength(24));
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> entry = Combinators.combine(Arbitraries.of(keys()), values())
                .as((key, value) -> "[" + key[0] + "]\n" + key[1] + "=" + value + "\n");
        Arbitrary<String> junk = Arbitraries.strings().withChars("[]=#;\n \tabc_").ofMaxLength(40);
        return Arbitraries.oneOf(entry, entry.list().ofMaxSize(5).map(l -> String.join("", l)), junk);
    }

    @Property(tries = 800)
    void configFilesThrowOnlyTheirOwnError(@ForAll("files") String text) {
        try {
            ConfigFiles.load(dir, text);
        } catch (ConfigException expected) {
            // Tack does not start, and says which key is wrong
        } catch (UncheckedIOException writing) {
            throw new AssertionError("could not write the test file", writing);
        }
    }

    @Property(tries = 800)
    void iniLinesThrowOnlyTheirOwnError(@ForAll("files") String text) {
        try {
            IniFile.parse("tack.conf", text.lines().toList());
        } catch (ConfigException expected) {
            // a line Tack cannot read, named
        }
    }
}
