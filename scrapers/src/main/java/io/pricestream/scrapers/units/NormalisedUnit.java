package io.pricestream.scrapers.units;

import java.math.BigDecimal;

/**
 * A published unit mapped onto the normalised vocabulary.
 *
 * @param unit       normalised unit, e.g. {@code hours}, {@code gb_month}, {@code requests}; {@code unknown} when not in the table
 * @param multiplier how many normalised units one published unit is (e.g. "10K units" → 10000)
 * @param known      false when the published unit is not in the table (the streams app rejects these)
 */
public record NormalisedUnit(String unit, BigDecimal multiplier, boolean known) {
}
