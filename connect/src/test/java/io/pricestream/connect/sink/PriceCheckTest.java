package io.pricestream.connect.sink;

import static io.pricestream.connect.testing.Prices.active;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PriceCheckTest {

    @Test
    void shouldAcceptLargestAndSmallestAmountsWhenTheyFitNumeric38And12() {
        assertThat(PriceCheck.problem(active("p", "99999999999999999999999999.999999999999", 1).build())).isEmpty();
        assertThat(PriceCheck.problem(active("p", "0.000000000001", 1).build())).isEmpty();
        assertThat(PriceCheck.problem(active("p", "1.500000000000000000", 1).build())).as("trailing zeros are not digits").isEmpty();
    }

    @Test
    void shouldNameKeyAndFieldWhenPriceHasTooManyIntegerDigits() {
        assertThat(PriceCheck.problem(active("p1", "100000000000000000000000000", 1).build()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("aws/p1", "price", "27 integer digits"));
    }

    @Test
    void shouldRefuseRoundingWhenPriceHasMoreThanTwelveDecimals() {
        assertThat(PriceCheck.problem(active("p1", "0.0000000000001", 1).build()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("13 fractional digits"));
    }

    @Test
    void shouldRefuseWhenTierEndIsBelowTierStart() {
        assertThat(PriceCheck.problem(active("p1", "1", 1).setTierStart(BigDecimal.TEN).setTierEnd(BigDecimal.ONE).build()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("tier_end 1 is below tier_start 10"));
    }

    @Test
    void shouldRefuseWhenTextHoldsNulCharacters() {
        assertThat(PriceCheck.problem(active("p1", "1", 1).setSkuName("bad\0name").build())).isPresent();
        assertThat(PriceCheck.problem(active("p1", "1", 1).setAttributes(Map.of("k", "v\0")).build()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("attribute 'k'"));
    }
}
