package io.pricestream.streams.change;

import java.math.BigDecimal;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * The content of a price that makes it a change when it differs: price, tier start/end, unit,
 * unit_multiplier, currency, effective_from and status, as one canonical string.
 *
 * <p>Exact rather than a hash, so two different prices can never look equal; decimals are written without
 * trailing zeros so {@code 0.080} and {@code 0.08} are the same content. Observation metadata
 * (observed_at, run_id, source_version) and descriptive fields are deliberately not part of it: a new run
 * that sees the same price is a repeat, not a change.
 */
public final class PriceFingerprint {

    private static final char SEPARATOR = '\u001f';

    private PriceFingerprint() {
    }

    public static String of(SkuPrice price) {
        return new StringBuilder(96)
                .append(decimal(price.getPrice())).append(SEPARATOR)
                .append(decimal(price.getTierStart())).append(SEPARATOR)
                .append(price.getTierEnd() == null ? "inf" : decimal(price.getTierEnd())).append(SEPARATOR)
                .append(price.getUnit()).append(SEPARATOR)
                .append(decimal(price.getUnitMultiplier())).append(SEPARATOR)
                .append(price.getCurrency()).append(SEPARATOR)
                .append(price.getEffectiveFrom() == null ? "" : Long.toString(price.getEffectiveFrom().toEpochMilli())).append(SEPARATOR)
                .append(price.getStatus())
                .toString();
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
