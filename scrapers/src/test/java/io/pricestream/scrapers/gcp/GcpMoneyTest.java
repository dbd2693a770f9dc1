package io.pricestream.scrapers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GcpMoneyTest {

    @Test
    void shouldCombineUnitsAndNanosExactlyWhenBothArePresent() {
        assertThat(GcpMoney.of("2", 961_000_000).toPlainString()).isEqualTo("2.961");
        assertThat(GcpMoney.of("0", 987_597).toPlainString()).isEqualTo("0.000987597");
        assertThat(GcpMoney.of("0", 1).toPlainString()).isEqualTo("0.000000001");
        assertThat(GcpMoney.of("9223372036854775807", 999_999_999).toPlainString()).isEqualTo("9223372036854775807.999999999");
    }

    @Test
    void shouldTreatOmittedPartsAsZeroWhenProtoJsonLeavesThemOut() {
        assertThat(GcpMoney.of(null, 987_597).toPlainString()).isEqualTo("0.000987597");
        assertThat(GcpMoney.of("100", 0).toPlainString()).isEqualTo("100");
        assertThat(GcpMoney.of(null, 0).toPlainString()).isEqualTo("0");
    }

    @Test
    void shouldKeepTheSignWhenUnitsAndNanosAreNegative() {
        assertThat(GcpMoney.of("-1", -500_000_000).toPlainString()).isEqualTo("-1.5");
        assertThat(GcpMoney.of("0", -250_000_000).toPlainString()).isEqualTo("-0.25");
    }

    @Test
    void shouldRejectInvalidMoneyNamingTheProblem() {
        assertThatThrownBy(() -> GcpMoney.of("0.5", 0)).hasMessageContaining("units is not an integer: '0.5'");
        assertThatThrownBy(() -> GcpMoney.of("1", 1_000_000_000)).hasMessageContaining("outside");
        assertThatThrownBy(() -> GcpMoney.of("1", -5)).hasMessageContaining("different signs");
    }
}
