package io.pricestream.scrapers.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitTableTest {

    private final UnitTable table = new UnitTable();

    @ParameterizedTest(name = "{0} ''{1}'' → {2} x{3}")
    @CsvSource({
            "aws, Hrs, hours, 1",
            "aws, Hours, hours, 1",
            "aws, GB-Mo, gb_month, 1",
            "aws, GB, gb, 1",
            "aws, Requests, requests, 1",
            "aws, IOPS-Mo, iops_month, 1",
            "aws, Quantity, units, 1",
            "aws, LCU-Hrs, lcu_hours, 1",
            "aws, vCPU-Hours, vcpu_hours, 1",
            "aws, GB-Hours, gb_hours, 1",
            "aws, Lambda-GB-Second, gb_seconds, 1",
            "aws, ReadCapacityUnit-Hrs, read_capacity_unit_hours, 1",
            "aws, IOs, ios, 1",
            "aws, ' hrs ', hours, 1",
            "azure, 1 Hour, hours, 1",
            "azure, 100 Hours, hours, 100",
            "azure, 10 Hours, hours, 10",
            "azure, 1 GB/Month, gb_month, 1",
            "azure, 1 GiB/Month, gib_month, 1",
            "azure, 1 GB, gb, 1",
            "azure, 10K, units, 10000",
            "azure, 1M, units, 1000000",
            "azure, 1/Month, months, 1",
            "azure, 1/Day, days, 1",
            "azure, 1 GiB/Hour, gib_hours, 1",
            "azure, 1 GB/Hour, gb_hours, 1",
            "azure, Hour, hours, 1",
            "gcp, h, hours, 1",
            "gcp, GiBy.mo, gib_month, 1",
            "gcp, GiBy, gib, 1",
            "gcp, count, units, 1",
            "gcp, GiBy.h, gib_hours, 1",
            "gcp, mo, months, 1",
            "gcp, GiBy.d, gib_days, 1",
            "gcp, min, minutes, 1",
    })
    void shouldNormaliseEveryPublishedUnitFamilyWhenItIsInTheTable(String csp, String published, String unit, String multiplier) {
        NormalisedUnit normalised = table.normalise(csp, published);

        assertThat(normalised.known()).isTrue();
        assertThat(normalised.unit()).isEqualTo(unit);
        assertThat(normalised.multiplier()).isEqualByComparingTo(new BigDecimal(multiplier));
    }

    @ParameterizedTest(name = "{0} ''{1}'' is unknown")
    @CsvSource({
            "aws, Widget-Months",
            "aws, ''",
            "azure, 10K Widgets",
            "azure, 1 Parsec",
            "gcp, furlong",
            "gcp, GiBy.fortnight",
    })
    void shouldReturnUnknownWhenTheUnitIsNotInTheTable(String csp, String published) {
        NormalisedUnit normalised = table.normalise(csp, published);

        assertThat(normalised.known()).isFalse();
        assertThat(normalised.unit()).isEqualTo(UnitTable.UNKNOWN);
        assertThat(normalised.multiplier()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void shouldWriteTheMultiplierWithoutExponentWhenTheQuantityIsLarge() {
        assertThat(table.normalise("azure", "10K").multiplier().toPlainString()).isEqualTo("10000");
        assertThat(table.normalise("azure", "1.5K").multiplier().toPlainString()).isEqualTo("1500");
    }

    @Test
    void shouldTreatNullAsUnknownAndRefuseAnUnknownCsp() {
        assertThat(table.normalise("aws", null).known()).isFalse();
        assertThatThrownBy(() -> table.normalise("oracle", "Hrs")).hasMessageContaining("oracle");
    }
}
