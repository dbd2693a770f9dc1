package io.pricestream.cli.pipeline;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a scrape interval as people write it: {@code 6h}, {@code 30m}, {@code 1d}, {@code 45s}, a
 * combination such as {@code 1h30m}, or an ISO-8601 duration ({@code PT6H}).
 */
public final class ScrapeInterval {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private ScrapeInterval() {
    }

    /** @throws IllegalArgumentException naming the text and the accepted forms when it is not an interval, or not positive */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration parsed = trimmed.startsWith("p") ? iso(text.trim()) : shortForm(trimmed, text);
        if (parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("scrape interval '" + text + "' must be positive");
        }
        return parsed;
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static Duration shortForm(String trimmed, String original) {
        Matcher matcher = SHORT.matcher(trimmed);
        if (trimmed.isEmpty() || !matcher.matches()) {
            throw invalid(original);
        }
        return Duration.ofDays(number(matcher.group(1))).plusHours(number(matcher.group(2)))
                .plusMinutes(number(matcher.group(3))).plusSeconds(number(matcher.group(4)));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("scrape interval '" + text + "' is not a duration: expected e.g. 6h, 30m, 1h30m, 1d or PT6H");
    }
}
