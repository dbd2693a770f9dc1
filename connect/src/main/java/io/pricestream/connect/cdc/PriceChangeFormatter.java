package io.pricestream.connect.cdc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;

import io.pricestream.schemas.avro.PriceChanged;

/**
 * One readable line per change event, as {@code pricestream watch} prints it:
 * {@code 2026-11-22T14:03:12Z CHANGED aws AmazonEC2 us-east-1 <price_id> 0.0960 → 0.1010 USD/hours (+5.21%)}.
 * NEW shows the new price, RETIRED the last one. Prices keep every significant decimal (at least four);
 * the percentage is rounded to two decimals for reading only — the event carries it exactly.
 */
public final class PriceChangeFormatter {

    private static final int MIN_PRICE_DECIMALS = 4;

    private PriceChangeFormatter() {
    }

    public static String format(PriceChanged event) {
        StringBuilder line = new StringBuilder()
                .append(event.getCommittedAt().truncatedTo(ChronoUnit.SECONDS)).append(' ')
                .append(event.getChangeType()).append(' ')
                .append(event.getCsp()).append(' ')
                .append(event.getService()).append(' ')
                .append(event.getRegion()).append(' ')
                .append(event.getPriceId()).append(' ');
        switch (event.getChangeType()) {
            case NEW -> line.append(price(event.getNewPrice()));
            case RETIRED -> line.append(price(event.getOldPrice()));
            case CHANGED -> line.append(price(event.getOldPrice())).append(" → ").append(price(event.getNewPrice()));
        }
        line.append(' ').append(event.getCurrency()).append('/').append(event.getUnit());
        if (event.getChangePct() != null) {
            BigDecimal pct = event.getChangePct().setScale(2, RoundingMode.HALF_EVEN);
            line.append(" (").append(pct.signum() >= 0 ? "+" : "").append(pct.toPlainString()).append("%)");
        }
        return line.toString();
    }

    static String price(BigDecimal price) {
        if (price == null) {
            return "?";
        }
        BigDecimal stripped = price.stripTrailingZeros();
        return (stripped.scale() < MIN_PRICE_DECIMALS ? stripped.setScale(MIN_PRICE_DECIMALS) : stripped).toPlainString();
    }
}
