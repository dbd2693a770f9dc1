package io.pricestream.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A regex of plain words answers through its words exactly as through the regex engine. */
class ValueMatcherTest {

    /** The bundled rules' patterns and a few more shapes. */
    private static final List<String> PATTERNS = List.of("managed disk|ultra disk", "blob", "egress", "load balanc|forwarding rule",
            "(Storage PD|SSD backed PD|Balanced PD|Extreme PD|Hyperdisk|PD Snapshot)", "preemptible|spot", "spot|low priority",
            "windows|cloud services", "^Load Balancer", "^(spot|dev)", "^(D|E)[0-9]+", "a.c", "x|", "(a)|(b)");

    @Property(tries = 3000)
    void shouldAnswerAsTheRegexEngine(@ForAll("patterns") String regex, @ForAll("values") String value) {
        Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

        assertThat(new ValueMatcher.Regex(pattern).matches(value)).isEqualTo(pattern.matcher(value).find());
    }

    @Test
    void shouldTakeTheWordsOnlyFromPlainAlternatives() {
        assertThat(ValueMatcher.LiteralSearch.of("(Storage PD|Hyperdisk)")).contains(new ValueMatcher.LiteralSearch(false, List.of("storage pd", "hyperdisk")));
        assertThat(ValueMatcher.LiteralSearch.of("^Load Balancer")).contains(new ValueMatcher.LiteralSearch(true, List.of("load balancer")));
        assertThat(ValueMatcher.LiteralSearch.of("^(D|E)[0-9]+")).isEmpty();
        assertThat(ValueMatcher.LiteralSearch.of("a.c")).isEmpty();
        assertThat(ValueMatcher.LiteralSearch.of("x|")).isEmpty();
        assertThat(ValueMatcher.LiteralSearch.of("(a)|(b)")).isEmpty();
        assertThat(ValueMatcher.LiteralSearch.of("(?i)spot")).isEmpty();
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(PATTERNS);
    }

    /** Values made of the patterns' words in any case, with other text around them, sometimes not ASCII. */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("Managed Disk", "ULTRA disk", "Blob", "egres", "Egress", "Load Balancing", "forwarding", "Storage PD",
                        "Hyperdisk", "pd snapshot", "Spot", "low Priority", "Windows", "Cloud Services", "D4s", "E8", "abc", "a-c"),
                Arbitraries.strings().withCharRange('a', 'z').withChars(' ', 'K', 'S').ofMaxLength(6),
                Arbitraries.of("\u212A", "\u017Fpot", "Hyperdis\u212A", "é", "Spöt"));
        return piece.list().ofMaxSize(4).map(parts -> String.join(" ", parts));
    }
}
