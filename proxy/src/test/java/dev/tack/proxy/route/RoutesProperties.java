package dev.tack.proxy.route;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Routes lines, generated from their own grammar's pieces and broken at random: the parser refuses what it cannot
 * read with {@link RoutesException} (naming the line) and throws nothing else (docs/reliability.md "Protocol errors").
 */
class RoutesProperties {

    private static final List<String> CONDITIONS = List.of("*", "example.com", "", "*,id=a", "*,path_beg=/api/",
            "*,proto=ws", "*,ssl=yes", "*,prefix=p-", "*,as_host=h:81", "*,path_rem=4", "*,replace_beg=/x/",
            "*,header=X-A:b", "*,debug", "*,aco", "*,no_grip", "*,sig_key=s", "*,sig_iss=i", "*,jsonp_callback=c");
    private static final List<String> TARGETS = List.of("127.0.0.1:8080", "[::1]:80", "test", "h:1,ssl",
            "h:1,insecure", "h:1,host=x", "h:1,over_http", "h:1,sub=c", "h:1,one_event", "zhttp/tcp://1.2.3.4:5",
            "h:99999", "h:", ":1");
    private static final String NOISE = "*,=:/\\\"# \t[]\u0000";

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> target = Arbitraries.of(TARGETS);
        Arbitrary<String> built = Combinators.combine(Arbitraries.of(CONDITIONS), target.list().ofMinSize(0)
                .ofMaxSize(3)).as((condition, targets) -> condition + " " + String.join(" ", targets));
        Arbitrary<String> broken = Combinators.combine(built, Arbitraries.integers().between(0, 80),
                Arbitraries.strings().withChars(NOISE).ofMaxLength(4)).as((line, at, noise) -> {
                    int i = Math.min(at, line.length());
                    return line.substring(0, i) + noise + line.substring(i);
                });
        return Arbitraries.oneOf(built, broken, Arbitraries.strings().withChars(NOISE + "abc:1").ofMaxLength(40));
    }

    @Property(tries = 1500)
    void routesLinesThrowOnlyTheirOwnError(@ForAll("lines") String line) {
        try {
            RoutesParser.parse("routes", List.of(line, "# a comment"), warning -> { });
        } catch (RoutesException expected) {
            // Tack does not start, and says which line is wrong
        }
    }
}
