package dev.tack.proxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md as a test: the packages of {@code dev.tack.proxy} form no cycle, and each
 * uses only the packages the map lets it use. A new package has to be put on the map before it builds.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.tack.proxy";

    /** Each package, and the packages of Tack it may use (besides itself and {@code publish-api}). */
    private static final Map<String, Set<String>> MAP = new LinkedHashMap<>();

    static {
        MAP.put("server", Set.of("config", "route", "ws", "session", "origin", "publish", "subscription", "engine",
                "history", "admin", "delivery", "metrics", "log", "time"));
        MAP.put("route", Set.of());
        MAP.put("config", Set.of("route", "engine", "history", "log"));
        MAP.put("ws", Set.of("origin", "session", "subscription", "history", "delivery", "filter", "route", "metrics",
                "log", "time"));
        MAP.put("session", Set.of("origin", "subscription", "history", "delivery", "filter", "route", "metrics", "log",
                "time"));
        MAP.put("origin", Set.of("route", "metrics", "log", "time"));
        MAP.put("filter", Set.of());
        MAP.put("subscription", Set.of("delivery", "metrics", "log", "time"));
        MAP.put("delivery", Set.of("time"));
        MAP.put("publish", Set.of("engine", "subscription", "history", "delivery", "metrics", "log", "time"));
        MAP.put("engine", Set.of("subscription", "delivery", "metrics", "log", "time"));
        MAP.put("history", Set.of("engine", "subscription", "delivery", "metrics", "log", "time"));
        MAP.put("admin", Set.of("metrics", "subscription", "log", "time"));
        MAP.put("metrics", Set.of("delivery", "log"));
        MAP.put("log", Set.of());
        MAP.put("time", Set.of());
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageIsOnTheMap() {
        Set<String> unmapped = new TreeSet<>();
        classes.forEach(c -> {
            String pkg = c.getPackageName();
            if (pkg.startsWith(ROOT + ".")) {
                String top = pkg.substring(ROOT.length() + 1).split("\\.")[0];
                if (!MAP.containsKey(top)) {
                    unmapped.add(top);
                }
            }
        });
        if (!unmapped.isEmpty()) {
            throw new AssertionError("packages missing from the map in docs/architecture.md and ArchitectureTest: "
                    + unmapped);
        }
    }

    @Test
    void everyPackageUsesOnlyWhatTheMapAllows() {
        List<ArchRule> rules = new ArrayList<>();
        MAP.forEach((pkg, allowed) -> {
            String[] forbidden = MAP.keySet().stream()
                    .filter(other -> !other.equals(pkg) && !allowed.contains(other))
                    .map(other -> ROOT + "." + other + "..").toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("docs/architecture.md lets " + pkg + " use only " + new TreeSet<>(allowed))
                    .allowEmptyShould(true));
        });
        CompositeArchRule.of(rules).check(classes);
    }

    @Test
    void nothingButTheEntryPointUsesTheRootPackage() {
        noClasses().that().resideInAPackage(ROOT + ".(*)..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(classes);
    }
}
