package io.pricestream.connect.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;

/** The lines of {@code pricestream watch} and its filters. */
class PriceChangeFormatterTest {

    @Test
    void shouldShowOldNewAndRoundedPercentageWhenChanged() {
        PriceChanged event = event(ChangeType.CHANGED, "0.096", "0.101", "5.208333333333");

        assertThat(PriceChangeFormatter.format(event)).isEqualTo(
                "2026-11-22T14:03:12Z CHANGED aws AmazonEC2 us-east-1 SKU1.JRTCKXETXF.6YS6EN2CT7 0.0960 → 0.1010 USD/hours (+5.21%)");
    }

    @Test
    void shouldShowNegativePercentageAndEveryDecimalOfSmallPrices() {
        PriceChanged event = event(ChangeType.CHANGED, "0.0000123456", "0.00001", "-18.999481596681");

        assertThat(PriceChangeFormatter.format(event)).endsWith(" 0.0000123456 → 0.00001 USD/hours (-19.00%)");
    }

    @Test
    void shouldShowOnlyNewPriceWhenNewAndOnlyOldPriceWhenRetired() {
        assertThat(PriceChangeFormatter.format(event(ChangeType.NEW, null, "2", null)))
                .isEqualTo("2026-11-22T14:03:12Z NEW aws AmazonEC2 us-east-1 SKU1.JRTCKXETXF.6YS6EN2CT7 2.0000 USD/hours");
        assertThat(PriceChangeFormatter.format(event(ChangeType.RETIRED, "2", null, null)))
                .isEqualTo("2026-11-22T14:03:12Z RETIRED aws AmazonEC2 us-east-1 SKU1.JRTCKXETXF.6YS6EN2CT7 2.0000 USD/hours");
    }

    @Test
    void shouldFilterByCspAndServiceIgnoringCase() {
        PriceChanged event = event(ChangeType.NEW, null, "2", null);

        assertThat(new WatchFilter(Set.of("AWS"), Set.of(), null).test(event)).isTrue();
        assertThat(new WatchFilter(Set.of("gcp", "azure"), Set.of(), null).test(event)).isFalse();
        assertThat(new WatchFilter(Set.of(), Set.of("amazonec2"), null).test(event)).isTrue();
        assertThat(new WatchFilter(Set.of(), Set.of("AmazonS3"), null).test(event)).isFalse();
        assertThat(WatchFilter.ALL.test(event)).isTrue();
    }

    @Test
    void shouldApplyMinChangePctToChangedEventsByAbsoluteValue() {
        WatchFilter fivePct = new WatchFilter(Set.of(), Set.of(), new BigDecimal("5"));

        assertThat(fivePct.test(event(ChangeType.CHANGED, "1", "1.04", "4.000000000000"))).isFalse();
        assertThat(fivePct.test(event(ChangeType.CHANGED, "1", "1.05", "5.000000000000"))).isTrue();
        assertThat(fivePct.test(event(ChangeType.CHANGED, "1", "0.9", "-10.000000000000"))).isTrue();
        assertThat(fivePct.test(event(ChangeType.CHANGED, "0", "1", null))).isTrue();
        assertThat(fivePct.test(event(ChangeType.NEW, null, "1", null))).isTrue();
        assertThat(fivePct.test(event(ChangeType.RETIRED, "1", null, null))).isTrue();
    }

    @Test
    void shouldRejectNegativeMinChangePct() {
        assertThatThrownBy(() -> new WatchFilter(Set.of(), Set.of(), new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--min-change-pct");
    }

    private static PriceChanged event(ChangeType type, String oldPrice, String newPrice, String pct) {
        return PriceChanged.newBuilder()
                .setCsp("aws").setPriceId("SKU1.JRTCKXETXF.6YS6EN2CT7").setSkuId("SKU1").setChangeType(type)
                .setOldPrice(decimal(oldPrice)).setNewPrice(decimal(newPrice)).setChangePct(decimal(pct))
                .setCurrency("USD").setUnit("hours").setRegion("us-east-1").setService("AmazonEC2")
                .setPurchaseOption("ON_DEMAND").setTerm(null)
                .setCommittedAt(Instant.parse("2026-11-22T14:03:12.345Z")).setSourceLsn(42L).setSourceTxId(7L)
                .build();
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value).setScale(12);
    }
}
