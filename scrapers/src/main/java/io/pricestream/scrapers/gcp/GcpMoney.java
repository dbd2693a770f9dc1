package io.pricestream.scrapers.gcp;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Google's {@code Money} ({@code units} int64, often a JSON string, plus {@code nanos} int32) as one exact
 * decimal: {@code units + nanos × 10⁻⁹}, trailing zeros removed ({@code "2"} + {@code 961000000} → {@code 2.961}).
 */
final class GcpMoney {

    private static final int MAX_NANOS = 999_999_999;

    private GcpMoney() {
    }

    /**
     * @param units text of {@code units}, {@code null} when omitted (zero)
     * @param nanos {@code nanos}, zero when omitted
     * @throws IllegalArgumentException naming what is wrong: units not an integer, nanos out of range, or signs
     *                                  that disagree (Google requires them to match)
     */
    static BigDecimal of(String units, long nanos) {
        BigInteger whole;
        try {
            whole = units == null || units.isBlank() ? BigInteger.ZERO : new BigInteger(units.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("units is not an integer: '" + units + "'");
        }
        if (nanos > MAX_NANOS || nanos < -MAX_NANOS) {
            throw new IllegalArgumentException("nanos " + nanos + " is outside -999999999..999999999");
        }
        if (whole.signum() != 0 && nanos != 0 && whole.signum() != Long.signum(nanos)) {
            throw new IllegalArgumentException("units '" + units + "' and nanos " + nanos + " have different signs");
        }
        BigDecimal value = new BigDecimal(whole).add(BigDecimal.valueOf(nanos, 9)).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }
}
