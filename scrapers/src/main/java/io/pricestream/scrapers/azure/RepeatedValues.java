package io.pricestream.scrapers.azure;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Canonical instances of the values that repeat across thousands of items (service names, units, regions,
 * product names, dates). The scraper buffers every item of a run until tiers are known, so sharing these
 * strings keeps the buffer to roughly the ids and prices of each item. Not thread-safe: one per run.
 */
final class RepeatedValues {

    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, Instant> instants = new HashMap<>();

    String share(String value) {
        if (value == null) {
            return null;
        }
        String known = strings.putIfAbsent(value, value);
        return known == null ? value : known;
    }

    /** Parses an ISO-8601 instant once per distinct text; text without a zone is UTC; throws {@link DateTimeParseException} on bad text. */
    Instant instant(String text) {
        Instant known = instants.get(text);
        if (known == null) {
            known = parseInstant(text);
            instants.put(text, known);
        }
        return known;
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException withoutZone) {
            // Some historical items carry no zone designator; the API's dates are UTC.
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}
