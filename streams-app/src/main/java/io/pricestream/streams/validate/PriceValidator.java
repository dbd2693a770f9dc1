package io.pricestream.streams.validate;

import java.math.BigDecimal;
import java.util.Optional;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.SkuPrice;

/** Checks that a decoded raw record can be trusted downstream; pure and thread-safe. */
public final class PriceValidator {

    /** The normalised unit the scrapers write when they cannot map a published unit. */
    public static final String UNKNOWN_UNIT = "unknown";

    private final BigDecimal priceMax;

    public PriceValidator(BigDecimal priceMax) {
        this.priceMax = priceMax;
    }

    /** The first problem of {@code price} under {@code key}, or empty when it is valid. */
    public Optional<Rejection> validate(PriceKey key, SkuPrice price) {
        if (blank(price.getCsp()) || blank(price.getPriceId()) || blank(price.getRunId())) {
            return reject(RejectReason.MISSING_FIELD, "csp, price_id and run_id are required; got csp='" + price.getCsp()
                    + "', price_id='" + price.getPriceId() + "', run_id='" + price.getRunId() + "'");
        }
        if (!price.getCsp().equals(key.getCsp()) || !price.getPriceId().equals(key.getPriceId())) {
            return reject(RejectReason.KEY_MISMATCH, "key (" + key.getCsp() + ", " + key.getPriceId() + ") does not match value ("
                    + price.getCsp() + ", " + price.getPriceId() + ")");
        }
        if (blank(price.getCurrency())) {
            return reject(RejectReason.MISSING_CURRENCY, "currency is missing");
        }
        BigDecimal amount = price.getPrice();
        if (amount == null) {
            return reject(RejectReason.MISSING_FIELD, "price is missing");
        }
        if (amount.signum() < 0) {
            return reject(RejectReason.NEGATIVE_PRICE, "price " + amount.toPlainString() + " is negative");
        }
        if (amount.compareTo(priceMax) > 0) {
            return reject(RejectReason.ABSURD_PRICE, "price " + amount.toPlainString() + " is above the maximum "
                    + priceMax.toPlainString() + " (streams.price.max)");
        }
        if (blank(price.getUnit()) || UNKNOWN_UNIT.equalsIgnoreCase(price.getUnit().trim())) {
            return reject(RejectReason.UNKNOWN_UNIT, "unit '" + price.getUnitPublished() + "' was not normalised (unit='"
                    + price.getUnit() + "')");
        }
        BigDecimal multiplier = price.getUnitMultiplier();
        if (multiplier == null || multiplier.signum() <= 0) {
            return reject(RejectReason.INVALID_UNIT_MULTIPLIER, "unit_multiplier "
                    + (multiplier == null ? "is missing" : multiplier.toPlainString() + " is not positive"));
        }
        BigDecimal start = price.getTierStart();
        BigDecimal end = price.getTierEnd();
        if (start == null || start.signum() < 0) {
            return reject(RejectReason.INVALID_TIER, "tier_start " + (start == null ? "is missing" : start.toPlainString() + " is negative"));
        }
        if (end != null && start.compareTo(end) > 0) {
            return reject(RejectReason.INVALID_TIER, "tier_start " + start.toPlainString() + " is above tier_end " + end.toPlainString());
        }
        if (price.getStatus() == PriceStatus.RETIRED) {
            return reject(RejectReason.INVALID_STATUS, "raw prices must be ACTIVE; only the streams app retires prices");
        }
        return Optional.empty();
    }

    /** The first problem of {@code marker} under {@code key}, or empty when it is valid. */
    public Optional<Rejection> validate(PriceKey key, RunMarker marker) {
        if (blank(marker.getRunId()) || blank(marker.getCsp())) {
            return reject(RejectReason.INVALID_MARKER, "run marker needs csp and run_id; got csp='" + marker.getCsp()
                    + "', run_id='" + marker.getRunId() + "'");
        }
        if (!marker.getCsp().equals(key.getCsp())) {
            return reject(RejectReason.INVALID_MARKER, "run marker of csp '" + marker.getCsp() + "' under a key of csp '"
                    + key.getCsp() + "'");
        }
        if (marker.getScope() == null || marker.getVerdict() == null) {
            return reject(RejectReason.INVALID_MARKER, "run marker '" + marker.getRunId() + "' has no scope or verdict");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(RejectReason reason, String message) {
        return Optional.of(new Rejection(reason, message));
    }

    private static boolean blank(CharSequence value) {
        return value == null || value.toString().isBlank();
    }
}
