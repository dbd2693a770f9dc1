package io.pricestream.streams.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
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

    /** {@code regex}: case-insensitive search (anchor with ^…$ for a whole-value match). */
    record Regex(Pattern pattern) implements ValueMatcher {

        @Override
        public boolean matches(String value) {
            return value != null && pattern.matcher(value).find();
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
