package io.pricestream.cspsim.catalogue;

import java.math.BigDecimal;

/**
 * Fast text forms of prices held as longs in 10^-10 USD (see {@link CatalogueView#PRICE_SCALE}); the
 * catalogue formats millions of them per full scrape, so this avoids BigDecimal and Formatter.
 */
public final class PriceFormat {
    private static final long ONE = 10_000_000_000L;

    private PriceFormat() {
    }

    /** {@code 0.0800000000}: always ten decimals. */
    public static String tenDecimals(long price) {
        StringBuilder out = new StringBuilder(24).append(price / ONE).append('.');
        String fraction = Long.toString(price % ONE);
        out.append("0000000000", 0, 10 - fraction.length()).append(fraction);
        return out.toString();
    }

    /** {@code 1161}, {@code 0.08}: no trailing zeros, no exponent. */
    public static String plain(long price) {
        long fraction = price % ONE;
        if (fraction == 0) {
            return Long.toString(price / ONE);
        }
        String ten = tenDecimals(price);
        int end = ten.length();
        while (ten.charAt(end - 1) == '0') {
            end--;
        }
        return ten.substring(0, end);
    }

    /** The price as an exact decimal without trailing zeros (scale ≥ 0). */
    public static BigDecimal decimal(long price) {
        BigDecimal value = BigDecimal.valueOf(price, CatalogueView.PRICE_SCALE).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** {@code n} with at least two digits. */
    public static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** Lower-case hex of {@code value}, left-padded with zeros to {@code digits} (keeps the low digits). */
    public static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        if (hex.length() >= digits) {
            return hex.substring(hex.length() - digits);
        }
        return "0".repeat(digits - hex.length()) + hex;
    }
}
