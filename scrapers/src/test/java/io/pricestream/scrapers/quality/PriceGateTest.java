package io.pricestream.scrapers.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.pricestream.scrapers.testing.TestPrices;

class PriceGateTest {

    private final PriceGate gate = new PriceGate(new BigDecimal("100000"));

    @Test
    void shouldPassZeroAndOrdinaryPrices() {
        assertThat(gate.check(TestPrices.price("a", "s", "0.0000000000").build())).isEmpty();
        assertThat(gate.check(TestPrices.price("a", "s", "0.0850000000").build())).isEmpty();
        assertThat(gate.check(TestPrices.price("a", "s", "100000").build())).isEmpty();
    }

    @Test
    void shouldRejectNegativeAbsurdAndUnrepresentablePrices() {
        assertThat(gate.check(TestPrices.price("a", "s", "-0.01").build())).contains("negative_price");
        assertThat(gate.check(TestPrices.price("a", "s", "100000.01").build())).contains("price_above_max");
        assertThat(gate.check(TestPrices.price("a", "s", "0.0000000000001").build())).contains("precision_beyond_decimal_38_12");
        assertThat(gate.check(TestPrices.price("a", "s", "0.100000000000000").build())).isEmpty(); // trailing zeros are fine
    }

    @Test
    void shouldRejectInvertedTiers() {
        assertThat(gate.check(TestPrices.price("a", "s", "1").setTierStart(new BigDecimal("10")).setTierEnd(new BigDecimal("5")).build()))
                .contains("tier_end_below_start");
        assertThat(gate.check(TestPrices.price("a", "s", "1").setTierStart(new BigDecimal("-1")).build())).contains("negative_tier_start");
    }

    @Test
    void shouldRejectMissingAndUnknownCurrencies() {
        assertThat(gate.check(TestPrices.price("a", "s", "1").setCurrency("EUR").build())).isEmpty();
        assertThat(gate.check(TestPrices.price("a", "s", "1").setCurrency("").build())).contains("missing_currency");
        assertThat(gate.check(TestPrices.price("a", "s", "1").setCurrency("XYZ").build())).contains("unknown_currency");
        assertThat(gate.check(TestPrices.price("a", "s", "1").setCurrency("usd").build())).contains("unknown_currency");
    }
}
