package io.pricestream.connect.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;

/**
 * The publisher end to end on the shared local stack: real PostgreSQL (logical replication), real broker and
 * registry. Each test has its own database, slot, publication and topics, and drops its slot at the end.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PriceChangePublisherIT {

    private static final Logger LOG = LoggerFactory.getLogger(PriceChangePublisherIT.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private PipelineEnvironment stack;
    private Database db;
    private Map<String, Object> settings;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<PriceChangePublisher> publishers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        stack = ItEnvironment.get();
        db = TestDatabases.create("cdc");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        String name = SharedLocalStack.uniqueName("cdc");
        settings = new HashMap<>(Map.of(
                CdcConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                CdcConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                CdcConfig.JDBC_URL, db.jdbcUrl(),
                CdcConfig.JDBC_USER, db.user(),
                CdcConfig.JDBC_PASSWORD, db.password(),
                CdcConfig.SLOT_NAME, name,
                CdcConfig.PUBLICATION_NAME, name,
                CdcConfig.TOPIC, name + "_changes",
                CdcConfig.OFFSET_TOPIC, name + "_offsets"));
    }

    @AfterEach
    void tearDown() {
        publishers.forEach(PriceChangePublisher::close);
        String slot = (String) settings.get(CdcConfig.SLOT_NAME);
        if (ReplicationSlots.exists(db.jdbcUrl(), db.user(), db.password(), slot)) {
            // The walsender may take a moment to let go of the slot after the engine closed.
            await().atMost(WAIT).ignoreExceptions().untilAsserted(
                    () -> ReplicationSlots.drop(db.jdbcUrl(), db.user(), db.password(), slot));
        }
    }

    @Test
    void shouldPublishOneEventPerMaterialChangeInCommitOrderWhenRowsChange() throws Exception {
        started();
        try (Connection sql = db.connect()) {
            insert(sql, "a-1", "0.0960");
            insert(sql, "a-2", "1.5");
            insert(sql, "a-3", "2");
            updatePrice(sql, "a-1", "0.1010");
            updatePrice(sql, "a-1", "0.0990");
            updatePrice(sql, "a-1", "0.0990"); // same price again: not material
            touch(sql, "a-2");
            touch(sql, "a-2");
            retire(sql, "a-3");
            touch(sql, "a-3"); // retired stays retired: nothing
            unretire(sql, "a-3");
            delete(sql, "a-2");
            insert(sql, "a-last", "9");
        }

        List<ConsumerRecord<PriceKey, PriceChanged>> events = readThrough(id("a-last"));

        assertThat(summaries(events, "a-1")).containsExactly("NEW null→0.096", "CHANGED 0.096→0.101", "CHANGED 0.101→0.099");
        assertThat(summaries(events, "a-2")).containsExactly("NEW null→1.5", "RETIRED 1.5→null");
        assertThat(summaries(events, "a-3")).containsExactly("NEW null→2", "RETIRED 2→null", "NEW null→2");
        assertThat(events).hasSize(9);
        assertThat(events).allSatisfy(record -> {
            assertThat(record.key().getCsp()).isEqualTo(record.value().getCsp());
            assertThat(record.key().getPriceId()).isEqualTo(record.value().getPriceId());
            assertThat(record.value().getSourceLsn()).isPositive();
            assertThat(record.value().getSourceTxId()).isNotNull();
        });
        assertLsnsIncreasePerKey(events);
        PriceChanged firstChange = ofId(events, "a-1").get(1);
        assertThat(firstChange.getChangePct()).isEqualByComparingTo(
                new BigDecimal("0.0050").multiply(BigDecimal.valueOf(100)).divide(new BigDecimal("0.0960"), 12, java.math.RoundingMode.HALF_EVEN));
        assertThat(firstChange.getChangePct().toPlainString()).isEqualTo("5.208333333333");
        assertThat(firstChange.getCurrency()).isEqualTo("USD");
        assertThat(firstChange.getUnit()).isEqualTo("hours");
        assertThat(firstChange.getRegion()).isEqualTo("us-east-1");
        assertThat(firstChange.getService()).isEqualTo("AmazonEC2");
        assertThat(meters.counter(PriceChangeBatchHandler.EVENTS_METRIC, "change_type", "CHANGED").count()).isEqualTo(2.0);
        assertThat(meters.counter(PriceChangeBatchHandler.EVENTS_METRIC, "change_type", "NEW").count()).isEqualTo(5.0);
        assertThat(meters.counter(PriceChangeBatchHandler.EVENTS_METRIC, "change_type", "RETIRED").count()).isEqualTo(2.0);
    }

    @Test
    void shouldResumeFromStoredOffsetWhenRestarted() throws Exception {
        PriceChangePublisher first = started();
        try (Connection sql = db.connect()) {
            insert(sql, "r-1", "1.00");
        }
        try (ChangeEvents events = events()) {
            events.readThrough(id("r-1"), WAIT);
        }
        first.close();

        try (Connection sql = db.connect()) {
            updatePrice(sql, "r-1", "1.10");
            updatePrice(sql, "r-1", "1.20");
            insert(sql, "r-2", "5");
        }
        started();

        List<ConsumerRecord<PriceKey, PriceChanged>> events = readThrough(id("r-2"));
        assertThat(summaries(events, "r-1")).containsExactly("NEW null→1", "CHANGED 1→1.1", "CHANGED 1.1→1.2");
        assertThat(summaries(events, "r-2")).containsExactly("NEW null→5");
    }

    @Test
    void shouldMeasureChangeToEventLatencyWhenPricesAreUpdated() throws Exception {
        started();
        int updates = 200;
        try (Connection sql = db.connect(); ChangeEvents events = events()) {
            insert(sql, "l-0", "1");
            events.awaitEvent(id("l-0"), WAIT);
            // One at a time: each update waits for its event, so the latency has no backlog in it. The shared
            // stack runs synchronous_commit=off, so WAL reaches the walsender only at the WAL writer's next
            // flush (wal_writer_delay, 200 ms); synchronous_commit=on, as a durable database runs, flushes at commit.
            logLatency("one update at a time, synchronous_commit=off", oneByOne(sql, events, "l-0", updates, 1));
            execute(sql, "SET synchronous_commit = on");
            logLatency("one update at a time, synchronous_commit=on", oneByOne(sql, events, "l-0", updates, 1 + updates));
            execute(sql, "SET synchronous_commit = off");

            // A burst: every update committed back to back, events queue behind each other.
            for (int i = 1; i <= updates; i++) {
                updatePrice(sql, "l-0", "0." + i);
            }
            insert(sql, "l-last", "1");
            List<ConsumerRecord<PriceKey, PriceChanged>> burst = events.readThrough(id("l-last"), WAIT).stream()
                    .filter(record -> record.value().getChangeType() == ChangeType.CHANGED).skip(2L * updates).toList();
            assertThat(burst).hasSize(updates);
            assertThat(burst.get(updates - 1).value().getNewPrice()).isEqualByComparingTo("0." + updates);
            logLatency("burst", burst);
        }
    }

    private static List<ConsumerRecord<PriceKey, PriceChanged>> oneByOne(Connection sql, ChangeEvents events, String priceId,
                                                                        int updates, int firstPrice) throws SQLException {
        List<ConsumerRecord<PriceKey, PriceChanged>> received = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
            BigDecimal price = BigDecimal.valueOf(firstPrice + i + 1L);
            updatePrice(sql, priceId, price.toPlainString());
            received.add(events.awaitEvent(event -> event.getPriceId().equals(priceId)
                    && event.getNewPrice().compareTo(price) == 0, WAIT));
        }
        return received;
    }

    /** Commit (PostgreSQL's commit timestamp) to the event's append in Kafka (producer CreateTime): one clock. */
    private void logLatency(String how, List<ConsumerRecord<PriceKey, PriceChanged>> events) {
        long[] latencies = events.stream()
                .mapToLong(record -> record.timestamp() - record.value().getCommittedAt().toEpochMilli()).sorted().toArray();
        LOG.info("Change-to-event latency, {} ({} single-row updates, poll.interval.ms={}): p50={} ms, p99={} ms, max={} ms",
                how, latencies.length, new CdcConfig(settings).pollInterval().toMillis(), latencies[latencies.length / 2],
                latencies[(int) Math.ceil(latencies.length * 0.99) - 1], latencies[latencies.length - 1]);
    }

    @Test
    void shouldPrintFilteredLinesWhenWatching() throws Exception {
        started();
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        PriceChangeWatcher watcher = new PriceChangeWatcher(new PriceChangeWatcher.Options(stack.bootstrapServers(),
                stack.schemaRegistryUrl(), (String) settings.get(CdcConfig.TOPIC),
                new WatchFilter(Set.of("aws"), Set.of("AmazonEC2"), new BigDecimal("5")), true));
        Thread watching = new Thread(() -> watcher.run(lines::add, stop::get), "watch");
        watching.start();
        try (Connection sql = db.connect()) {
            insert(sql, "w-1", "1.00");
            updatePrice(sql, "w-1", "1.01"); // +1%: below --min-change-pct
            updatePrice(sql, "w-1", "1.20"); // +18.81%
            touch(sql, "w-1");
            retire(sql, "w-1");
        }
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(line -> line.contains(" RETIRED ")));
        stop.set(true);
        watching.join(WAIT.toMillis());

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ NEW aws AmazonEC2 us-east-1 w-1 1.0000 USD/hours");
        assertThat(lines.get(1)).endsWith(" CHANGED aws AmazonEC2 us-east-1 w-1 1.0100 → 1.2000 USD/hours (+18.81%)");
        assertThat(lines.get(2)).endsWith(" RETIRED aws AmazonEC2 us-east-1 w-1 1.2000 USD/hours");
        assertThat(watching.isAlive()).isFalse();
    }

    @Test
    void shouldRefuseToDropSlotWhenInUseAndDropItWhenStopped() {
        PriceChangePublisher publisher = started();
        String slot = (String) settings.get(CdcConfig.SLOT_NAME);
        // The task has created the slot; the replication stream attaches to it a moment later.
        await().atMost(WAIT).until(() -> slotActive(slot));

        assertThatThrownBy(() -> ReplicationSlots.drop(db.jdbcUrl(), db.user(), db.password(), slot))
                .isInstanceOf(ReplicationSlots.ReplicationSlotException.class)
                .hasMessageContaining(slot).hasMessageContaining("in use");

        publisher.close();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(
                () -> ReplicationSlots.drop(db.jdbcUrl(), db.user(), db.password(), slot));
        assertThat(ReplicationSlots.exists(db.jdbcUrl(), db.user(), db.password(), slot)).isFalse();
        assertThatThrownBy(() -> ReplicationSlots.drop(db.jdbcUrl(), db.user(), db.password(), slot))
                .isInstanceOf(ReplicationSlots.ReplicationSlotException.class)
                .hasMessageContaining(slot).hasMessageContaining("does not exist");
    }

    private PriceChangePublisher started() {
        PriceChangePublisher publisher = new PriceChangePublisher(new CdcConfig(settings), meters);
        publishers.add(publisher);
        publisher.start();
        publisher.awaitStarted(WAIT);
        return publisher;
    }

    private boolean slotActive(String slot) throws SQLException {
        try (Connection sql = db.connect();
             PreparedStatement query = sql.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            try (var rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private ChangeEvents events() {
        return new ChangeEvents(stack.bootstrapServers(), stack.schemaRegistryUrl(), (String) settings.get(CdcConfig.TOPIC));
    }

    private List<ConsumerRecord<PriceKey, PriceChanged>> readThrough(Predicate<PriceChanged> last) {
        try (ChangeEvents events = events()) {
            return events.readThrough(last, WAIT);
        }
    }

    private static Predicate<PriceChanged> id(String priceId) {
        return event -> event.getPriceId().equals(priceId);
    }

    private static List<PriceChanged> ofId(List<ConsumerRecord<PriceKey, PriceChanged>> events, String priceId) {
        return events.stream().map(ConsumerRecord::value).filter(id(priceId)).toList();
    }

    /** {@code "CHANGED 0.096→0.101"}: type and prices without trailing zeros, in topic order. */
    private static List<String> summaries(List<ConsumerRecord<PriceKey, PriceChanged>> events, String priceId) {
        return ofId(events, priceId).stream()
                .map(event -> event.getChangeType() + " " + plain(event.getOldPrice()) + "→" + plain(event.getNewPrice()))
                .toList();
    }

    private static String plain(BigDecimal price) {
        return price == null ? "null" : price.stripTrailingZeros().toPlainString();
    }

    private static void assertLsnsIncreasePerKey(List<ConsumerRecord<PriceKey, PriceChanged>> events) {
        Map<String, Long> lastLsn = new HashMap<>();
        for (ConsumerRecord<PriceKey, PriceChanged> record : events) {
            Long previous = lastLsn.put(record.value().getPriceId(), record.value().getSourceLsn());
            if (previous != null) {
                assertThat(record.value().getSourceLsn()).as("LSN order of %s", record.value().getPriceId()).isGreaterThan(previous);
            }
        }
    }

    // One statement = one committed transaction (auto-commit), like the sink's upserts of one price.

    private static void insert(Connection sql, String priceId, String price) throws SQLException {
        execute(sql, """
                INSERT INTO api_price.infra_price (cloud_provider, price_id, sku_id, region, service, start_usage_amount,
                    unit, unit_published, unit_multiplier, price, currency, purchase_option, first_seen_at,
                    last_changed_at, observed_at, run_id, last_changed_run_id)
                VALUES ('aws', ?, 'SKU1', 'us-east-1', 'AmazonEC2', 0, 'hours', 'Hrs', 1, ?::numeric, 'USD',
                    'ON_DEMAND', now(), now(), now(), 'run-1', 'run-1')""", priceId, price);
    }

    private static void updatePrice(Connection sql, String priceId, String price) throws SQLException {
        execute(sql, """
                UPDATE api_price.infra_price SET price = ?::numeric, observed_at = observed_at + interval '1 second',
                    last_changed_at = observed_at + interval '1 second' WHERE cloud_provider = 'aws' AND price_id = ?""",
                price, priceId);
    }

    private static void touch(Connection sql, String priceId) throws SQLException {
        execute(sql, "UPDATE api_price.infra_price SET observed_at = observed_at + interval '1 second', run_id = 'run-2' "
                + "WHERE cloud_provider = 'aws' AND price_id = ?", priceId);
    }

    private static void retire(Connection sql, String priceId) throws SQLException {
        execute(sql, "UPDATE api_price.infra_price SET retired_at = now() WHERE cloud_provider = 'aws' AND price_id = ?", priceId);
    }

    private static void unretire(Connection sql, String priceId) throws SQLException {
        execute(sql, "UPDATE api_price.infra_price SET retired_at = NULL WHERE cloud_provider = 'aws' AND price_id = ?", priceId);
    }

    private static void delete(Connection sql, String priceId) throws SQLException {
        execute(sql, "DELETE FROM api_price.infra_price WHERE cloud_provider = 'aws' AND price_id = ?", priceId);
    }

    private static void execute(Connection sql, String statement, String... parameters) throws SQLException {
        try (PreparedStatement prepared = sql.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setString(i + 1, parameters[i]);
            }
            if (statement.startsWith("SET ")) {
                prepared.execute();
            } else {
                assertThat(prepared.executeUpdate()).as(statement).isEqualTo(1);
            }
        }
    }
}
