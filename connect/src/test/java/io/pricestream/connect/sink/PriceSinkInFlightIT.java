package io.pricestream.connect.sink;

import static io.pricestream.connect.testing.Prices.active;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.StoredPrices;
import io.pricestream.connect.testing.StoredPrices.Current;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rule for the batch in flight (written on the writer thread while the consumer thread reads the next),
 * on a real PostgreSQL with a {@link MockConsumer}, whose rebalances the test triggers at chosen points.
 *
 * <p>A batch is held in flight without any timing: the database refuses one of its prices, so the sink tries
 * them one at a time and sends the refused one to the DLQ, and that send waits until the test opens a gate.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PriceSinkInFlightIT {

    private static final String TOPIC = "prices.sku";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private Database db;
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final GatedProducer dlq = new GatedProducer();
    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private final Map<String, SkuPrice> prices = new HashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private PriceSink sink;
    private Thread sinkThread;

    @BeforeEach
    void setUp() {
        db = TestDatabases.create("in_flight");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        dlq.open();
        if (sinkThread != null && sinkThread.isAlive()) {
            sink.stop();
            sinkThread.join(30_000);
        }
    }

    @Test
    void shouldCommitTheBatchInFlightBeforeRereadingOffsetsWhenThePartitionIsRevokedAndAssignedAgain() throws Exception {
        execute("ALTER TABLE api_price.infra_price ADD CONSTRAINT test_no_poison CHECK (price_id <> 'poison')");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            add(0, "a");
            add(1, "poison");
            add(2, "b");
        });
        start();
        // the first batch is in flight, uncommitted, held in the DLQ send of 'poison'
        dlq.awaitSendStarted();

        AtomicBoolean rebalanced = new AtomicBoolean();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of());
            consumer.rebalance(List.of(P0));
            // the broker still holds every record: the position the sink sought to decides what it reads again
            add(0, "a");
            add(1, "poison");
            add(2, "b");
            add(3, "c");
            rebalanced.set(true);
        });
        // Let the batch commit only once the consumer thread is inside the rebalance waiting for it, or is already
        // past the rebalance without having waited: either way, the offsets were re-read while it was in flight.
        await().atMost(Duration.ofSeconds(60)).until(() -> rebalanced.get() || waitingForInFlight(sinkThread));
        dlq.open();

        awaitStoredOffset(4);
        stopSink();

        assertThat(failure.get()).isNull();
        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.current(connection)).extracting(Current::priceId).containsExactly("a", "b", "c");
        }
        // re-read offsets from before the first batch committed would have applied its records a second time
        assertThat(dlq.history()).as("records sent to the DLQ").hasSize(1);
        assertThat(count("stale")).as("records applied again (stale)").isZero();
        assertThat(count("new")).isEqualTo(3);
    }

    @Test
    void shouldStoreNothingReadAfterABatchWhoseWriteFailed() throws Exception {
        // every attempt to insert 'doomed' fails transiently, so its batch fails once the retries are used up
        execute("CREATE FUNCTION public.test_doomed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.price_id = 'doomed' THEN RAISE EXCEPTION 'test: doomed' USING ERRCODE = 'serialization_failure'; END IF;"
                + " RETURN NEW; END $$");
        execute("CREATE TRIGGER test_doomed BEFORE INSERT ON api_price.infra_price FOR EACH ROW EXECUTE FUNCTION public.test_doomed()");
        dlq.open();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            add(0, "doomed");
            add(1, "x1");
            add(2, "x2");
        });
        // read on the poll right after the first batch was handed over, so it is in hand when that batch fails
        consumer.schedulePollTask(() -> {
            add(3, "y1");
            add(4, "y2");
            add(5, "y3");
        });

        start();
        sinkThread.join(60_000);

        assertThat(sinkThread.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(SinkWriteException.class).hasMessageContaining("test: doomed");
        try (Connection connection = db.connect()) {
            // y1..y3 would commit fine, but storing their offsets would skip the failed batch's records
            assertThat(StoredPrices.current(connection)).isEmpty();
            assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.sink_offsets")).isZero();
        }
    }

    private void start() {
        Map<String, Object> config = new HashMap<>();
        config.put(SinkConfig.BOOTSTRAP_SERVERS, "unused:9092");
        config.put(SinkConfig.GROUP_ID, "in-flight");
        config.put(SinkConfig.TOPIC, TOPIC);
        config.put(SinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(SinkConfig.JDBC_USER, db.user());
        config.put(SinkConfig.JDBC_PASSWORD, db.password());
        config.put(SinkConfig.SCHEMA_REGISTRY_URL, "http://unused:8081");
        config.put(SinkConfig.BATCH_MAX_RECORDS, 3);
        config.put(SinkConfig.BATCH_MAX_WAIT_MS, 100);
        config.put(SinkConfig.RETRY_MAX_ATTEMPTS, 3);
        config.put(SinkConfig.RETRY_INITIAL_BACKOFF_MS, 10);
        Deserializer<PriceKey> keys = (topic, data) -> new PriceKey("aws", new String(data, StandardCharsets.UTF_8));
        Deserializer<SkuPrice> values = (topic, data) -> prices.get(new String(data, StandardCharsets.UTF_8));
        sink = new PriceSink(new SinkConfig(config), consumer, dlq, keys, values, metrics);
        sinkThread = new Thread(() -> {
            try {
                sink.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "in-flight-sink");
        sinkThread.start();
    }

    private void stopSink() throws InterruptedException {
        sink.stop();
        sinkThread.join(30_000);
        assertThat(sinkThread.isAlive()).isFalse();
    }

    /** Adds the record of price {@code id} at {@code offset}; key and value are the id, decoded by the test's deserializers. */
    private void add(long offset, String id) {
        prices.putIfAbsent(id, active(id, "1", 1).build());
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        consumer.addRecord(new ConsumerRecord<>(TOPIC, P0.partition(), offset, bytes, bytes));
    }

    /** Whether {@code thread} is parked waiting for the batch in flight. */
    private static boolean waitingForInFlight(Thread thread) {
        return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(InFlightWrite.class.getName()) && frame.getMethodName().equals("await"));
    }

    private void awaitStoredOffset(long next) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            try (Connection connection = db.connect()) {
                assertThat(StoredPrices.count(connection, "SELECT coalesce(max(next_offset), 0) FROM api_price.sink_offsets")).isEqualTo(next);
            }
        });
    }

    private double count(String outcome) {
        return metrics.counter("pricestream.sink.records", "outcome", outcome).count();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A DLQ whose sends wait until the test opens the gate; the first send's start is signalled. */
    private static final class GatedProducer extends MockProducer<byte[], byte[]> {

        private final CountDownLatch sendStarted = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);

        GatedProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sendStarted.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted at the DLQ gate", e);
            }
            return super.send(record, callback);
        }

        void awaitSendStarted() throws InterruptedException {
            assertThat(sendStarted.await(60, TimeUnit.SECONDS)).as("a DLQ send started").isTrue();
        }

        void open() {
            gate.countDown();
        }
    }
}
