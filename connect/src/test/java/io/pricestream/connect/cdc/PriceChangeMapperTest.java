package io.pricestream.connect.cdc;

import static io.pricestream.connect.cdc.DebeziumRows.COMMITTED_MS;
import static io.pricestream.connect.cdc.DebeziumRows.LSN;
import static io.pricestream.connect.cdc.DebeziumRows.TX_ID;
import static io.pricestream.connect.cdc.DebeziumRows.envelope;
import static io.pricestream.connect.cdc.DebeziumRows.retired;
import static io.pricestream.connect.cdc.DebeziumRows.row;
import static io.pricestream.connect.cdc.DebeziumRows.source;
import static io.pricestream.connect.cdc.DebeziumRows.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;

/** Every change-type rule of {@link PriceChangeMapper} on Debezium-shaped structs of {@code infra_price}. */
class PriceChangeMapperTest {

    private final PriceChangeMapper mapper = new PriceChangeMapper();

    @Test
    void shouldPublishNewWithEveryFieldWhenActiveRowIsInserted() {
        PriceChanged event = mapper.map(envelope("c", null, row("0.0960"))).orElseThrow();

        assertThat(event.getChangeType()).isEqualTo(ChangeType.NEW);
        assertThat(event.getCsp()).isEqualTo("aws");
        assertThat(event.getPriceId()).isEqualTo("SKU1.JRTCKXETXF.6YS6EN2CT7");
        assertThat(event.getSkuId()).isEqualTo("SKU1");
        assertThat(event.getOldPrice()).isNull();
        assertThat(event.getNewPrice()).isEqualTo(new BigDecimal("0.096000000000"));
        assertThat(event.getChangePct()).isNull();
        assertThat(event.getCurrency()).isEqualTo("USD");
        assertThat(event.getUnit()).isEqualTo("hours");
        assertThat(event.getRegion()).isEqualTo("us-east-1");
        assertThat(event.getService()).isEqualTo("AmazonEC2");
        assertThat(event.getPurchaseOption()).isEqualTo("ON_DEMAND");
        assertThat(event.getTerm()).isNull();
        assertThat(event.getCommittedAt()).isEqualTo(Instant.ofEpochMilli(COMMITTED_MS));
        assertThat(event.getSourceLsn()).isEqualTo(LSN);
        assertThat(event.getSourceTxId()).isEqualTo(TX_ID);
    }

    @Test
    void shouldPublishNothingWhenInsertedRowIsAlreadyRetired() {
        assertThat(mapper.map(envelope("c", null, retired(row("1"))))).isEmpty();
    }

    @Test
    void shouldPublishChangedWithExactPercentageWhenPriceChanges() {
        PriceChanged event = mapper.map(envelope("u", row("0.0960"), row("0.1010"))).orElseThrow();

        assertThat(event.getChangeType()).isEqualTo(ChangeType.CHANGED);
        assertThat(event.getOldPrice()).isEqualTo(new BigDecimal("0.096000000000"));
        assertThat(event.getNewPrice()).isEqualTo(new BigDecimal("0.101000000000"));
        // 0.005 / 0.096 * 100 = 5.2083333...: 12 decimals, HALF_EVEN, rounded once.
        assertThat(event.getChangePct()).isEqualTo(new BigDecimal("5.208333333333"));
    }

    @Test
    void shouldRoundChangePctOnceHalfEvenAtTwelveDecimals() {
        assertThat(PriceChangeMapper.changePct(new BigDecimal("3"), new BigDecimal("2"))).isEqualTo(new BigDecimal("-33.333333333333"));
        assertThat(PriceChangeMapper.changePct(new BigDecimal("0.000000000003"), BigDecimal.ONE))
                .isEqualTo(new BigDecimal("33333333333233.333333333333"));
        // Exactly half a unit of the 12th decimal: HALF_EVEN goes to the even neighbour (HALF_UP would not).
        assertThat(PriceChangeMapper.changePct(new BigDecimal("2"), new BigDecimal("2.00000000000001")))
                .isEqualTo(new BigDecimal("0.000000000000"));
        assertThat(PriceChangeMapper.changePct(new BigDecimal("2"), new BigDecimal("2.00000000000003")))
                .isEqualTo(new BigDecimal("0.000000000002"));
        assertThat(PriceChangeMapper.changePct(new BigDecimal("2"), new BigDecimal("2.00000000000005")))
                .isEqualTo(new BigDecimal("0.000000000002"));
        assertThat(PriceChangeMapper.changePct(new BigDecimal("2"), new BigDecimal("1.99999999999995")))
                .isEqualTo(new BigDecimal("-0.000000000002"));
    }

    @Test
    void shouldLeaveChangePctNullWhenOldPriceIsZero() {
        PriceChanged event = mapper.map(envelope("u", row("0"), row("0.25"))).orElseThrow();

        assertThat(event.getChangeType()).isEqualTo(ChangeType.CHANGED);
        assertThat(event.getOldPrice()).isEqualByComparingTo("0");
        assertThat(event.getChangePct()).isNull();
        assertThat(PriceChangeMapper.changePct(null, BigDecimal.ONE)).isNull();
        assertThat(PriceChangeMapper.changePct(BigDecimal.ONE, null)).isNull();
    }

    @Test
    void shouldPublishChangedWhenUnitCurrencyOrTierBoundChanges() {
        Struct before = row("1");
        assertThat(changeType(before, with(row("1"), "unit", "GB-Mo"))).contains(ChangeType.CHANGED);
        assertThat(changeType(before, with(row("1"), "currency", "EUR"))).contains(ChangeType.CHANGED);
        assertThat(changeType(before, with(row("1"), "start_usage_amount", new BigDecimal("10.000000000000")))).contains(ChangeType.CHANGED);
        assertThat(changeType(before, with(row("1"), "end_usage_amount", new BigDecimal("100.000000000000")))).contains(ChangeType.CHANGED);
    }

    @Test
    void shouldPublishNothingWhenOnlyObservationChanges() {
        Struct after = with(with(row("1"), "observed_at", "2026-11-23T00:00:00Z"), "run_id", "run-2");

        assertThat(mapper.map(envelope("u", row("1"), after))).isEmpty();
    }

    @Test
    void shouldTreatEqualPricesOfDifferentScaleAsUnchanged() {
        Struct after = with(row("1"), "price", new BigDecimal("1.0"));

        assertThat(mapper.map(envelope("u", row("1"), after))).isEmpty();
    }

    @Test
    void shouldPublishRetiredWithOldPriceWhenRetiredAtIsSet() {
        PriceChanged event = mapper.map(envelope("u", row("2.5"), retired(row("2.5")))).orElseThrow();

        assertThat(event.getChangeType()).isEqualTo(ChangeType.RETIRED);
        assertThat(event.getOldPrice()).isEqualByComparingTo("2.5");
        assertThat(event.getNewPrice()).isNull();
        assertThat(event.getChangePct()).isNull();
    }

    @Test
    void shouldPublishRetiredNotChangedWhenPriceChangesInTheSameUpdateAsRetirement() {
        assertThat(changeType(row("2.5"), retired(row("3")))).contains(ChangeType.RETIRED);
    }

    @Test
    void shouldPublishNewWhenRetiredPriceComesBack() {
        PriceChanged event = mapper.map(envelope("u", retired(row("2.5")), row("2.75"))).orElseThrow();

        assertThat(event.getChangeType()).isEqualTo(ChangeType.NEW);
        assertThat(event.getOldPrice()).isNull();
        assertThat(event.getNewPrice()).isEqualByComparingTo("2.75");
    }

    @Test
    void shouldPublishNothingWhenRetiredRowStaysRetired() {
        assertThat(mapper.map(envelope("u", retired(row("2.5")), retired(row("3"))))).isEmpty();
    }

    @Test
    void shouldPublishRetiredWhenActiveRowIsDeleted() {
        PriceChanged event = mapper.map(envelope("d", row("4"), null)).orElseThrow();

        assertThat(event.getChangeType()).isEqualTo(ChangeType.RETIRED);
        assertThat(event.getOldPrice()).isEqualByComparingTo("4");
        assertThat(event.getNewPrice()).isNull();
        assertThat(event.getSourceLsn()).isEqualTo(LSN);
    }

    @Test
    void shouldPublishNothingWhenRetiredRowIsDeleted() {
        assertThat(mapper.map(envelope("d", retired(row("4")), null))).isEmpty();
    }

    @Test
    void shouldCarryNullTermAndNullTxIdThrough() {
        Struct source = source();
        source.put("txId", null);
        Struct reserved = with(row("1"), "term", "1yr");
        PriceChanged event = mapper.map("c", null, reserved, source).orElseThrow();

        assertThat(event.getTerm()).isEqualTo("1yr");
        assertThat(event.getSourceTxId()).isNull();
    }

    @Test
    void shouldNameReplicaIdentityWhenUpdateHasNoBeforeImage() {
        assertThatThrownBy(() -> mapper.map(envelope("u", null, row("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REPLICA IDENTITY FULL")
                .hasMessageContaining(Long.toString(LSN));
    }

    @Test
    void shouldRejectChangeWithoutLsn() {
        Struct source = source();
        source.put("lsn", null);

        assertThatThrownBy(() -> mapper.map("c", null, row("1"), source))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lsn");
    }

    @Test
    void shouldRejectUnknownOperation() {
        assertThatThrownBy(() -> mapper.map(envelope("t", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t'");
    }

    private Optional<ChangeType> changeType(Struct before, Struct after) {
        return mapper.map(envelope("u", before, after)).map(PriceChanged::getChangeType);
    }
}
