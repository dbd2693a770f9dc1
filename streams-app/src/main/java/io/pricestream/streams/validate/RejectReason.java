package io.pricestream.streams.validate;

import java.util.Locale;

/** Why a raw record went to the DLQ; the lower-case name is the {@code reason} tag of the rejected counter. */
public enum RejectReason {
    /** The key is not a {@code PriceKey} in the Confluent wire format (or its schema id is unknown). */
    UNDECODABLE_KEY,
    /** The value is not a raw-union record in the Confluent wire format (or its schema id is unknown). */
    UNDECODABLE_VALUE,
    /** A record without a value (tombstone) on a raw topic. */
    EMPTY_VALUE,
    /** The value decoded to something other than a SkuPrice or a RunMarker. */
    UNEXPECTED_TYPE,
    /** The key's csp / price_id differ from the value's. */
    KEY_MISMATCH,
    /** A required text field (csp, price_id, run_id, ...) is empty. */
    MISSING_FIELD,
    MISSING_CURRENCY,
    NEGATIVE_PRICE,
    /** Above {@code streams.price.max}. */
    ABSURD_PRICE,
    /** The scraper could not normalise the published unit ({@code unit == "unknown"}). */
    UNKNOWN_UNIT,
    /** tier_start above tier_end, or a negative tier start. */
    INVALID_TIER,
    /** unit_multiplier is zero or negative. */
    INVALID_UNIT_MULTIPLIER,
    /** A raw price arrived already RETIRED: only the streams app retires prices. */
    INVALID_STATUS,
    /** A run marker without a run id or with a CSP different from its key's. */
    INVALID_MARKER;

    /** The metric tag / header form, e.g. {@code negative_price}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
