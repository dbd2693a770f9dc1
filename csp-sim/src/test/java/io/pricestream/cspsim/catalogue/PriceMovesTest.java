package io.pricestream.cspsim.catalogue;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PriceMovesTest {
    @Test
    void shouldAlwaysMoveToADifferentNonNegativeMultipleOfTheQuantum() {
        long[] quanta = {1, 10, 10_000, 100_000_000L, 10_000_000_000L};
        for (int i = 0; i < 20_000; i++) {
            long quantum = quanta[i % quanta.length];
            long old = (SeedHash.pick(SeedHash.of(5, i), 1000)) * quantum; // includes 0 and one quantum
            long moved = CatalogueView.moved(old, quantum, SeedHash.of(6, i));
            assertThat(moved).as("old %d quantum %d", old, quantum).isNotEqualTo(old).isPositive();
            assertThat(moved % quantum).isZero();
        }
    }

    @Test
    void shouldFormatPricesExactly() {
        assertThat(PriceFormat.tenDecimals(800_000_000L)).isEqualTo("0.0800000000");
        assertThat(PriceFormat.tenDecimals(11_610_000_000_000L)).isEqualTo("1161.0000000000");
        assertThat(PriceFormat.tenDecimals(7)).isEqualTo("0.0000000007");
        assertThat(PriceFormat.plain(11_610_000_000_000L)).isEqualTo("1161");
        assertThat(PriceFormat.plain(800_000_000L)).isEqualTo("0.08");
        assertThat(PriceFormat.plain(0)).isEqualTo("0");
        assertThat(PriceFormat.decimal(7_100_000_000_000L)).isEqualByComparingTo("710").hasToString("710");
        assertThat(PriceFormat.decimal(5)).isEqualTo(new BigDecimal("0.0000000005"));
        assertThat(PriceFormat.hex(0xABCL, 6)).isEqualTo("000abc");
    }
}
