package io.pricestream.scrapers.quality;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * The per-record gate: a price that cannot be right is rejected (excluded from the run and counted by reason),
 * never published as valid. Zero prices are legitimate (free tiers, capacity reservations) and pass.
 */
public final class PriceGate {

    /** Digits before the point that {@code decimal(38,12)} can hold. */
    private static final int MAX_INTEGER_DIGITS = 38 - 12;
    private static final int MAX_SCALE = 12;
    /** ISO 4217 codes the JDK knows; a price in anything else cannot be compared or converted downstream. */
    private static final Set<String> KNOWN_CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private final BigDecimal maxPrice;

    public PriceGate(BigDecimal maxPrice) {
        this.maxPrice = maxPrice;
    }

    /** The reason {@code price} is rejected, or empty when it passes. Reasons are short, stable labels (metrics tags). */
    public Optional<String> check(SkuPrice price) {
        BigDecimal p = price.getPrice();
        if (p == null) {
            return Optional.of("missing_price");
        }
        if (p.signum() < 0) {
            return Optional.of("negative_price");
        }
        if (p.compareTo(maxPrice) > 0) {
            return Optional.of("price_above_max");
        }
        if (!fitsDecimal38x12(p) || !fitsDecimal38x12(price.getTierStart())
                || (price.getTierEnd() != null && !fitsDecimal38x12(price.getTierEnd()))) {
            return Optional.of("precision_beyond_decimal_38_12");
        }
        if (price.getTierStart().signum() < 0) {
            return Optional.of("negative_tier_start");
        }
        if (price.getTierEnd() != null && price.getTierEnd().compareTo(price.getTierStart()) < 0) {
            return Optional.of("tier_end_below_start");
        }
        if (price.getUnitMultiplier().signum() <= 0) {
            return Optional.of("non_positive_unit_multiplier");
        }
        if (price.getCurrency() == null || price.getCurrency().isBlank()) {
            return Optional.of("missing_currency");
        }
        if (!KNOWN_CURRENCIES.contains(price.getCurrency())) {
            return Optional.of("unknown_currency");
        }
        return Optional.empty();
    }

    private static boolean fitsDecimal38x12(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= MAX_SCALE && plain.precision() - plain.scale() <= MAX_INTEGER_DIGITS;
    }
}
