package io.pricestream.connect.sink;

import static io.pricestream.connect.testing.Prices.active;
import static io.pricestream.connect.testing.Prices.minute;
import static io.pricestream.connect.testing.Prices.retired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.StoredPrices;
import io.pricestream.connect.testing.StoredPrices.Current;
import io.pricestream.connect.testing.StoredPrices.Period;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PriceBatchApplierIT {

    private static final TopicPartition P0 = new TopicPartition("prices.sku", 0);

    private final PriceBatchApplier applier = new PriceBatchApplier(new SinkOffsetStore("test-group"));
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private long offset;
    private Connection connection;

    @BeforeEach
    void migrate() throws SQLException {
        Database db = TestDatabases.create("apply");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        connection = db.connect();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void shouldInsertPriceAndOpenPeriodWhenFirstSeen() throws SQLException {
        ApplyResult result = apply(active("p1", "0.096", 1).build());

        assertThat(result.count(Outcome.NEW)).isEqualTo(1);
        assertThat(StoredPrices.current(connection)).containsExactly(new Current("aws", "p1", new BigDecimal("0.096"),
                BigDecimal.ZERO, null, "hours", "USD", null, minute(1), minute(1), minute(1), null, "run-1"));
        assertThat(StoredPrices.history(connection)).containsExactly(
                new Period("aws", "p1", new BigDecimal("0.096"), "hours", minute(1), null));
        assertThat(text("SELECT sku_name FROM api_price.infra_price")).isEqualTo("m5.large \"Linux\", shared");
        assertThat(text("SELECT attributes ->> 'note' FROM api_price.infra_price")).isEqualTo("quote \" and comma , and\nnewline");
        assertThat(text("SELECT next_offset::text FROM api_price.sink_offsets WHERE consumer_group = 'test-group'")).isEqualTo("1");
    }

    @Test
    void shouldClosePeriodAndOpenNewOneWhenPriceChanges() throws SQLException {
        apply(active("p1", "0.096", 1).build());
        ApplyResult result = apply(active("p1", "0.100", 5).build());

        assertThat(result.count(Outcome.CHANGED)).isEqualTo(1);
        assertThat(StoredPrices.current(connection)).singleElement().satisfies(row -> {
            assertThat(row.price()).isEqualByComparingTo("0.1");
            assertThat(row.firstSeenAt()).isEqualTo(minute(1));
            assertThat(row.lastChangedAt()).isEqualTo(minute(5));
        });
        assertThat(StoredPrices.history(connection)).containsExactly(
                new Period("aws", "p1", new BigDecimal("0.096"), "hours", minute(1), minute(5)),
                new Period("aws", "p1", new BigDecimal("0.1"), "hours", minute(5), null));
    }

    @Test
    void shouldOnlyMoveObservedAtWhenContentIsIdenticalUpToTrailingZeros() throws SQLException {
        apply(active("p1", "1.5", 1).build());
        ApplyResult result = apply(active("p1", "1.500000", 3).setSkuName("renamed").build());

        assertThat(result.count(Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(StoredPrices.current(connection)).singleElement().satisfies(row -> {
            assertThat(row.lastChangedAt()).isEqualTo(minute(1));
            assertThat(row.observedAt()).isEqualTo(minute(3));
        });
        assertThat(text("SELECT sku_name FROM api_price.infra_price")).isEqualTo("renamed");
        assertThat(StoredPrices.history(connection)).hasSize(1);
    }

    @Test
    void shouldIgnoreObservationWhenOlderOrEqualToStoredOne() throws SQLException {
        apply(active("p1", "2", 10).build());
        ApplyResult result = apply(active("p1", "1", 5).build());
        ApplyResult replay = apply(active("p1", "3", 10).build());

        assertThat(result.count(Outcome.STALE)).isEqualTo(1);
        assertThat(replay.count(Outcome.STALE)).isEqualTo(1);
        assertThat(StoredPrices.current(connection)).singleElement()
                .satisfies(row -> assertThat(row.price()).isEqualByComparingTo("2"));
        assertThat(StoredPrices.history(connection)).containsExactly(
                new Period("aws", "p1", new BigDecimal("2"), "hours", minute(10), null));
        assertThat(text("SELECT next_offset::text FROM api_price.sink_offsets")).isEqualTo("3");
    }

    @Test
    void shouldCloseWithoutOpeningWhenRetiredAndReopenWhenBack() throws SQLException {
        apply(active("p1", "2", 1).build());
        ApplyResult retirement = apply(retired("p1", "2", 4).build());
        Current whileRetired = StoredPrices.current(connection).get(0);
        ApplyResult comeback = apply(active("p1", "2", 9).build());

        assertThat(retirement.count(Outcome.RETIRED)).isEqualTo(1);
        assertThat(whileRetired.retiredAt()).isEqualTo(minute(4));
        assertThat(comeback.count(Outcome.CHANGED)).isEqualTo(1);
        assertThat(StoredPrices.current(connection)).singleElement().satisfies(row -> {
            assertThat(row.retiredAt()).isNull();
            assertThat(row.lastChangedAt()).isEqualTo(minute(9));
        });
        assertThat(StoredPrices.history(connection)).containsExactly(
                new Period("aws", "p1", new BigDecimal("2"), "hours", minute(1), minute(4)),
                new Period("aws", "p1", new BigDecimal("2"), "hours", minute(9), null));
    }

    @Test
    void shouldKeepNewestObservationPerPriceWhenBatchHoldsSeveral() throws SQLException {
        SinkBatch batch = new SinkBatch();
        batch.add(P0, offset++, active("p1", "1", 1).build());
        batch.add(P0, offset++, active("p1", "3", 7).build());
        batch.add(P0, offset++, active("p1", "2", 4).build());
        batch.add(P0, offset++, active("p2", "5", 2).build());

        ApplyResult result = apply(batch);

        assertThat(batch.superseded()).isEqualTo(2);
        assertThat(result.count(Outcome.NEW)).isEqualTo(2);
        assertThat(StoredPrices.current(connection)).extracting(Current::price)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("3"), new BigDecimal("5"));
        assertThat(text("SELECT next_offset::text FROM api_price.sink_offsets")).isEqualTo("4");
    }

    @Test
    void shouldApplyTheUsualWayWhenABatchAfterOnlyFirstObservationsHoldsAStoredPrice() throws SQLException {
        // only first observations: the next batch is first tried as such, without probing for stored keys
        apply(batch(active("p1", "1", 1).build(), active("p2", "1", 1).build()));

        // p2 is stored: the primary key refuses that attempt after p3 and p4 were copied; it must leave nothing behind
        ApplyResult result = apply(batch(active("p3", "3", 2).build(), active("p4", "4", 2).build(), active("p2", "2", 2).build()));

        assertThat(result.count(Outcome.NEW)).isEqualTo(2);
        assertThat(result.count(Outcome.CHANGED)).isEqualTo(1);
        assertThat(StoredPrices.current(connection)).extracting(Current::priceId).containsExactly("p1", "p2", "p3", "p4");
        assertThat(StoredPrices.current(connection)).extracting(Current::price)
                .containsExactly(BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("4"));
        assertThat(StoredPrices.history(connection)).containsExactly(
                new Period("aws", "p1", BigDecimal.ONE, "hours", minute(1), null),
                new Period("aws", "p2", BigDecimal.ONE, "hours", minute(1), minute(2)),
                new Period("aws", "p2", new BigDecimal("2"), "hours", minute(2), null),
                new Period("aws", "p3", new BigDecimal("3"), "hours", minute(2), null),
                new Period("aws", "p4", new BigDecimal("4"), "hours", minute(2), null));
        assertThat(text("SELECT next_offset::text FROM api_price.sink_offsets")).isEqualTo("5");
    }

    @Test
    void shouldApplyTheUsualWayWhenAStoredPriceLeadsALargeBatchAfterOnlyFirstObservations() throws SQLException {
        apply(active("p0", "1", 1).build());
        SinkBatch batch = new SinkBatch();
        batch.add(P0, offset++, active("p0", "2", 2).build());
        for (int i = 1; i <= 5000; i++) {
            batch.add(P0, offset++, active("p" + i, "1", 2).build());
        }

        // the server refuses the first row while the client is still streaming megabytes of COPY data: the refusal must
        // still read as the primary key's, not as a broken connection that a retry would run into again
        ApplyResult result = apply(batch);

        assertThat(result.count(Outcome.CHANGED)).isEqualTo(1);
        assertThat(result.count(Outcome.NEW)).isEqualTo(5000);
        assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.infra_price")).isEqualTo(5001);
        assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.infra_price_history")).isEqualTo(5002);
    }

    @Test
    void shouldStoreExtremeAmountsExactlyWhenTheyFitTheColumn() throws SQLException {
        String largest = "99999999999999999999999999.999999999999";
        apply(active("p1", largest, 1).setTierStart(new BigDecimal("0.000000000001")).build());

        assertThat(text("SELECT price::text FROM api_price.infra_price")).isEqualTo(largest);
        assertThat(text("SELECT start_usage_amount::text FROM api_price.infra_price")).isEqualTo("0.000000000001");
    }

    @Test
    void shouldWriteNothingWhenAnotherInstanceMovedTheOffset() throws SQLException {
        apply(active("p1", "1", 1).build());
        try (Statement statement = connection.createStatement()) {
            statement.execute("UPDATE api_price.sink_offsets SET next_offset = 42");
        }
        SinkBatch batch = new SinkBatch();
        batch.add(P0, offset++, active("p1", "9", 5).build());

        assertThatThrownBy(() -> applier.apply(connection, batch, stored)).isInstanceOf(OffsetFencedException.class)
                .hasMessageContaining("prices.sku-0").hasMessageContaining("test-group");
        assertThat(StoredPrices.current(connection)).singleElement()
                .satisfies(row -> assertThat(row.price()).isEqualByComparingTo("1"));
        assertThat(StoredPrices.history(connection)).hasSize(1);
        assertThat(new SinkOffsetStore("test-group").load(connection, List.of(P0))).containsEntry(P0, 42L);
    }

    private ApplyResult apply(SkuPrice price) throws SQLException {
        SinkBatch batch = new SinkBatch();
        batch.add(P0, offset++, price);
        return apply(batch);
    }

    private SinkBatch batch(SkuPrice... prices) {
        SinkBatch batch = new SinkBatch();
        for (SkuPrice price : prices) {
            batch.add(P0, offset++, price);
        }
        return batch;
    }

    private ApplyResult apply(SinkBatch batch) throws SQLException {
        ApplyResult result = applier.apply(connection, batch, stored);
        stored.putAll(batch.nextOffsets());
        return result;
    }

    private String text(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet r = statement.executeQuery(sql)) {
            assertThat(r.next()).as("a row from %s", sql).isTrue();
            return r.getString(1);
        }
    }
}
