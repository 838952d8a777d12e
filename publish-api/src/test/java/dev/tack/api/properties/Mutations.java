package dev.tack.api.properties;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the decoder properties: valid examples broken the ways real traffic breaks them (cut short, a
 * character replaced, bytes inserted, a piece repeated), mixed with text made up from scratch. Starting from valid
 * examples gets past a decoder's first checks, where random text alone would stop at once.
 */
final class Mutations {

    /** Characters that matter to the formats under test, and some that break them. */
    private static final String INTERESTING = "{}[]\":,;=\\\r\n \t0123456789-+.eE truefalsenull/%#\u0000\u00ff\u20ac";

    private Mutations() {
    }

    /** Text: one of {@code seeds} mutated up to twice, or random text. */
    static Arbitrary<String> of(List<String> seeds) {
        Arbitrary<String> mutated = Arbitraries.of(seeds).flatMap(seed -> mutate(seed, 2));
        Arbitrary<String> random = Arbitraries.strings().withChars(INTERESTING).ofMaxLength(120);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, mutated),
                net.jqwik.api.Tuple.of(2, random),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
    }

    private static Arbitrary<String> mutate(String text, int rounds) {
        if (rounds == 0) {
            return Arbitraries.just(text);
        }
        return once(text).flatMap(next -> Arbitraries.oneOf(Arbitraries.just(next), mutate(next, rounds - 1)));
    }

    private static Arbitrary<String> once(String text) {
        int length = text.length();
        Arbitrary<Integer> at = Arbitraries.integers().between(0, length);
        Arbitrary<String> piece = Arbitraries.strings().withChars(INTERESTING).ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> cut = at.map(i -> text.substring(0, i));
        Arbitrary<String> insert = Combinators.combine(at, piece).as((i, p) -> text.substring(0, i) + p
                + text.substring(i));
        Arbitrary<String> replace = length == 0 ? insert : Combinators.combine(Arbitraries.integers()
                .between(0, length - 1), piece).as((i, p) -> text.substring(0, i) + p.charAt(0)
                + text.substring(i + 1));
        Arbitrary<String> delete = Combinators.combine(at, at).as((a, b) -> text.substring(0, Math.min(a, b))
                + text.substring(Math.max(a, b)));
        Arbitrary<String> repeat = Combinators.combine(at, at).as((a, b) -> text.substring(0, Math.max(a, b))
                + text.substring(Math.min(a, b)));
        return Arbitraries.oneOf(cut, insert, replace, delete, repeat);
    }
}
