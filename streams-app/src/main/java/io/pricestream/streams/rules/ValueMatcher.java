package io.pricestream.streams.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One compiled condition on one string value of a price (a field or an attribute).
 *
 * <p>Built once when the rules file is loaded; {@link #matches(String)} runs for every raw record, so it
 * allocates as little as it can. A {@code null} value (field absent from the price) never matches.
 */
public sealed interface ValueMatcher {

    boolean matches(String value);

    /**
     * {@code equals} / {@code in}: case-insensitive membership in a set of literals. Small sets (the usual
     * case) are scanned with {@code equalsIgnoreCase}, which allocates nothing; large ones use a hash set of
     * lower-cased values.
     */
    record AnyOf(Set<String> lowerCased, String[] small) implements ValueMatcher {

        private static final int SCAN_LIMIT = 8;

        public static AnyOf of(List<String> values) {
            Set<String> lower = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            return new AnyOf(lower, lower.size() <= SCAN_LIMIT ? lower.toArray(String[]::new) : null);
        }

        @Override
        public boolean matches(String value) {
            if (value == null) {
                return false;
            }
            if (small == null) {
                return lowerCased.contains(value.toLowerCase(Locale.ROOT));
            }
            for (String candidate : small) {
                if (candidate.equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code regex}: case-insensitive search (anchor with ^…$ for a whole-value match).
     *
     * <p>Most rules' patterns are alternatives of plain words ({@code "managed disk|ultra disk"}, {@code "egress"},
     * {@code "^Load Balancer"}). For those {@code literals} holds the words, and an ASCII value is searched with
     * {@link String#contains} on its lower-cased form: the same answer (ASCII letters fold only to ASCII letters),
     * several times faster than the regex engine's Unicode case folding at every position. Any other pattern, and
     * any value with a non-ASCII character, goes through the regex.
     */
    record Regex(Pattern pattern, LiteralSearch literals) implements ValueMatcher {

        public Regex(Pattern pattern) {
            this(pattern, LiteralSearch.of(pattern.pattern()).orElse(null));
        }

        @Override
        public boolean matches(String value) {
            if (value == null) {
                return false;
            }
            if (literals != null && isAscii(value)) {
                return literals.matches(value);
            }
            return pattern.matcher(value).find();
        }

        private static boolean isAscii(String value) {
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A regex that is only alternatives of plain ASCII words, optionally in one group and anchored at the start:
     * {@code ^?(word|word…)} or {@code ^?word|word…}. {@code words} are lower-cased.
     */
    record LiteralSearch(boolean anchored, List<String> words) {

        private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 _:,/'-]+");

        static Optional<LiteralSearch> of(String regex) {
            boolean anchored = regex.startsWith("^");
            String body = anchored ? regex.substring(1) : regex;
            if (body.startsWith("(") && body.endsWith(")") && !body.startsWith("(?")) {
                body = body.substring(1, body.length() - 1);
            }
            List<String> words = List.of(body.split("\\|", -1));
            for (String word : words) {
                if (!PLAIN.matcher(word).matches()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new LiteralSearch(anchored, words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList()));
        }

        /** For an ASCII {@code value} only. */
        boolean matches(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            // by index, not with an iterator: this runs for every value a rule has not seen yet
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if (anchored ? lower.startsWith(word) : lower.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code range}: the leading number of the value ({@code "8 GiB"} → 8) lies within [min, max]; either
     * bound may be absent. A value without a leading number does not match.
     */
    record Range(BigDecimal min, BigDecimal max) implements ValueMatcher {

        private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([-+]?\\d+(?:\\.\\d+)?)");

        @Override
        public boolean matches(String value) {
            if (value == null) {
                return false;
            }
            Matcher m = LEADING_NUMBER.matcher(value);
            if (!m.find()) {
                return false;
            }
            BigDecimal number = new BigDecimal(m.group(1));
            return (min == null || number.compareTo(min) >= 0) && (max == null || number.compareTo(max) <= 0);
        }
    }

    /** Several conditions written in one object ({@code {regex: ..., range: ...}}): all must hold. */
    record AllOf(List<ValueMatcher> matchers) implements ValueMatcher {

        @Override
        public boolean matches(String value) {
            for (ValueMatcher matcher : matchers) {
                if (!matcher.matches(value)) {
                    return false;
                }
            }
            return true;
        }
    }
}
