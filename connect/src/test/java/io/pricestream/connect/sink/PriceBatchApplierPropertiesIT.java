package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;


import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.Prices;
import io.pricestream.connect.testing.StoredPrices;
import io.pricestream.connect.testing.StoredPrices.Period;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.kafka.common.TopicPartition;

/**
 * Random streams of observations for a few prices — duplicates, reordering, replays, retirements and
 * returns — cut into random batches, must leave the database exactly where the one-at-a-time
 * {@link PriceModel} ends, with history periods that never overlap.
 */
class PriceBatchApplierPropertiesIT {

    private static final TopicPartition PARTITION = new TopicPartition("prices.sku", 0);
    private static final List<String> PRICES = List.of("1.5", "1.50", "2", "0.000000000001",
            "99999999999999999999999999.999999999999");
    private static Connection connection;

    @Property(tries = 80)
    void shouldMatchTheModelWhenObservationsArriveInAnyOrderAndBatching(
            @ForAll("observations") List<Observation> generated,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 7) Integer> cuts,
            @ForAll @IntRange(min = 0, max = 40) int replayFrom) throws SQLException {
        List<SkuPrice> observations = generated.stream().map(Observation::toPrice).toList();
        List<SkuPrice> stream = new ArrayList<>(observations);
        // a replay re-delivers a tail of the stream, as a backfill or a reprocessed range would
        stream.addAll(observations.subList(Math.min(replayFrom, observations.size()), observations.size()));

        Connection db = freshSchema();
        PriceBatchApplier applier = new PriceBatchApplier(new SinkOffsetStore("props"));
        PriceModel model = new PriceModel();
        Map<TopicPartition, Long> stored = new HashMap<>();
        long offset = 0;
        int cut = 0;
        for (int start = 0; start < stream.size(); ) {
            int end = Math.min(stream.size(), start + cuts.get(cut++ % cuts.size()));
            List<SkuPrice> slice = stream.subList(start, end);
            SinkBatch batch = new SinkBatch();
            for (SkuPrice price : slice) {
                batch.add(PARTITION, offset++, price);
            }
            applier.apply(db, batch, stored);
            stored.putAll(batch.nextOffsets());
            model.applyBatch(slice);
            start = end;
        }

        assertThat(StoredPrices.current(db)).isEqualTo(model.current());
        assertThat(StoredPrices.fullHistory(db)).isEqualTo(model.fullHistory());
        List<Period> history = StoredPrices.history(db);
        assertPeriodsNeverOverlap(history);
        assertNoGapsForPricesNeverRetired(history, stream);
        assertThat(new SinkOffsetStore("props").load(db, List.of(PARTITION))).containsEntry(PARTITION, offset);
    }

    @Provide
    Arbitrary<List<Observation>> observations() {
        Arbitrary<Observation> one = Combinators.combine(
                Arbitraries.of("aws/p0", "aws/p1", "gcp/p0"),
                Arbitraries.of(PRICES),
                Arbitraries.integers().between(0, 12),
                Arbitraries.frequency(Tuple.of(5, PriceStatus.ACTIVE), Tuple.of(1, PriceStatus.RETIRED)),
                Arbitraries.of("hours", "hours", "gb_month"),
                Arbitraries.of(false, true),
                Arbitraries.of("us-east-1", "us-east-1", "us-east-1", "eu-west-1")
        ).as(Observation::new);
        return one.list().ofMinSize(1).ofMaxSize(25);
    }

    /**
     * One generated observation. Generated as this record rather than as a {@link SkuPrice}: jqwik sorts
     * {@code Comparable} values while shrinking a failure, and Avro refuses to compare records holding a map, so a
     * failing property reported "Can't compare maps!" instead of its smallest counterexample.
     */
    record Observation(String key, String price, int minute, PriceStatus status, String unit, boolean effective,
                       String region) {

        SkuPrice toPrice() {
            return Prices.active(key.split("/")[1], price, minute)
                    .setCsp(key.split("/")[0])
                    .setStatus(status)
                    .setUnit(unit)
                    .setEffectiveFrom(effective ? Prices.T0 : null)
                    .setRegion(region)
                    .build();
        }
    }

    private static void assertPeriodsNeverOverlap(List<Period> history) {
        for (int i = 1; i < history.size(); i++) {
            Period before = history.get(i - 1);
            Period after = history.get(i);
            if (before.csp().equals(after.csp()) && before.priceId().equals(after.priceId())) {
                assertThat(before.validTo()).as("period before %s is closed", after).isNotNull();
                assertThat(before.validTo()).as("period before %s ends before it starts", after).isBeforeOrEqualTo(after.validFrom());
            }
        }
    }

    private static void assertNoGapsForPricesNeverRetired(List<Period> history, List<SkuPrice> stream) {
        Set<String> everRetired = stream.stream().filter(p -> p.getStatus() == PriceStatus.RETIRED)
                .map(p -> p.getCsp() + "/" + p.getPriceId()).collect(Collectors.toSet());
        Map<String, List<Period>> byPrice = history.stream().collect(Collectors.groupingBy(p -> p.csp() + "/" + p.priceId()));
        byPrice.forEach((key, periods) -> {
            if (!everRetired.contains(key)) {
                for (int i = 1; i < periods.size(); i++) {
                    assertThat(periods.get(i - 1).validTo()).as("no gap in %s", key).isEqualTo(periods.get(i).validFrom());
                }
                assertThat(periods.get(periods.size() - 1).validTo()).as("%s is still current", key).isNull();
            }
        });
    }

    private static Connection freshSchema() throws SQLException {
        if (connection == null) {
            Database db = TestDatabases.create("properties");
            new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
            connection = db.connect();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE api_price.infra_price, api_price.infra_price_period, api_price.sink_offsets");
        }
        return connection;
    }

    @AfterContainer
    static void closeConnection() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

}
