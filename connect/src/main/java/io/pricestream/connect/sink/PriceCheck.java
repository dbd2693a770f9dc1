package io.pricestream.connect.sink;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * Refuses, before any SQL runs, the observations the price schema cannot store exactly, so one bad record
 * goes to the DLQ with its key named instead of failing a whole batch.
 *
 * <p>{@code numeric(38,12)} holds 26 integer and 12 fractional digits. PostgreSQL would round extra
 * fractional digits silently: money must not change on the way in, so those are refused too.
 */
public final class PriceCheck {

    static final int MAX_SCALE = 12;
    static final int MAX_INTEGER_DIGITS = 26;

    private PriceCheck() {
    }

    /** Why {@code price} cannot be stored, or empty when it can. */
    public static Optional<String> problem(SkuPrice price) {
        String key = PriceRef.of(price).toString();
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        amounts.put("price", price.getPrice());
        amounts.put("tier_start", price.getTierStart());
        amounts.put("unit_multiplier", price.getUnitMultiplier());
        for (Map.Entry<String, BigDecimal> amount : amounts.entrySet()) {
            Optional<String> problem = amountProblem(key, amount.getKey(), amount.getValue());
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (price.getTierEnd() != null) {
            Optional<String> problem = amountProblem(key, "tier_end", price.getTierEnd());
            if (problem.isPresent()) {
                return problem;
            }
            if (price.getTierEnd().compareTo(price.getTierStart()) < 0) {
                return Optional.of("price '" + key + "': tier_end " + price.getTierEnd().toPlainString()
                        + " is below tier_start " + price.getTierStart().toPlainString());
            }
        }
        for (Object field : price.getSchema().getFields().stream().map(f -> price.get(f.pos())).toList()) {
            if (field instanceof String text && text.indexOf('\0') >= 0) {
                return Optional.of("price '" + key + "': a text field contains a NUL character, which PostgreSQL text cannot hold");
            }
        }
        for (Map.Entry<String, String> attribute : price.getAttributes().entrySet()) {
            if (attribute.getKey().indexOf('\0') >= 0 || attribute.getValue().indexOf('\0') >= 0) {
                return Optional.of("price '" + key + "': attribute '" + attribute.getKey().replace('\0', '?')
                        + "' contains a NUL character, which PostgreSQL jsonb cannot hold");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> amountProblem(String key, String field, BigDecimal value) {
        if (value == null) {
            return Optional.of("price '" + key + "': " + field + " is missing");
        }
        BigDecimal exact = value.stripTrailingZeros();
        int scale = Math.max(exact.scale(), 0);
        int integerDigits = Math.max(exact.precision() - exact.scale(), 0);
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return Optional.of("price '" + key + "': " + field + " " + value.toPlainString()
                    + " does not fit numeric(38,12): " + integerDigits + " integer digits, at most " + MAX_INTEGER_DIGITS);
        }
        if (scale > MAX_SCALE) {
            return Optional.of("price '" + key + "': " + field + " " + value.toPlainString()
                    + " does not fit numeric(38,12) exactly: " + scale + " fractional digits, at most " + MAX_SCALE);
        }
        return Optional.empty();
    }
}
