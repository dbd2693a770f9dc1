package io.pricestream.connect.sink;

import static io.pricestream.connect.testing.Prices.active;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.StoredPrices;
import io.pricestream.connect.testing.StoredPrices.Current;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A sink JVM is killed with SIGKILL while it writes. Whatever instant the kill hits, the database must
 * hold exactly the records before its stored offset (data and offset committed together), and a new
 * sink must apply exactly the records after it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PriceSinkCrashIT {

    private static final int KEYS = 40;
    private static final int ROUNDS = 25;

    @Test
    void shouldHoldExactlyTheRecordsBeforeTheStoredOffsetWhenTheSinkProcessIsKilled() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        Database db = TestDatabases.create("crash");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        String topic = SharedLocalStack.uniqueName("crash_sku");
        String group = SharedLocalStack.uniqueName("crash_sink");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> config = config(stack, db, topic, group);
        // offset = round * KEYS + key: round r sets every price to r, observed at minute r
        List<SkuPrice> records = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int key = 0; key < KEYS; key++) {
                records.add(active("p" + key, Integer.toString(round), round).build());
            }
        }
        produce(stack, topic, records.subList(0, records.size() / 2));

        Process child = startChild(config);
        long stored;
        try {
            awaitStoredOffsetAtLeast(db, group, 1);
            produce(stack, topic, records.subList(records.size() / 2, records.size()));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stored = storedOffset(db, group);
            LoggerFactory.getLogger(PriceSinkCrashIT.class).info("Killed the sink process at stored offset {} of {}", stored, records.size());
        } finally {
            child.destroyForcibly();
        }

        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.current(connection)).isEqualTo(expectedBefore(records, stored, connection));
        }

        MeterRegistry metrics = new SimpleMeterRegistry();
        PriceSink sink = PriceSink.create(new SinkConfig(config), metrics);
        Thread worker = new Thread(sink, "sink-after-crash");
        worker.start();
        try {
            awaitStoredOffsetAtLeast(db, group, records.size());
        } finally {
            sink.stop();
            worker.join(30_000);
        }
        double counted = metrics.find("pricestream.sink.records").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(counted).as("records applied after the crash (stored offset was %d)", stored).isEqualTo(records.size() - stored);
        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.current(connection)).hasSize(KEYS)
                    .allSatisfy(row -> assertThat(row.price()).isEqualByComparingTo(Integer.toString(ROUNDS)));
        }
    }

    /** The current rows the records before {@code stored} produce: per price, its last record there. */
    private static List<Current> expectedBefore(List<SkuPrice> records, long stored, Connection connection) throws Exception {
        // first_seen / last_changed / observed follow from the rule: every round is a real change
        Map<String, SkuPrice> last = new java.util.TreeMap<>();
        Map<String, SkuPrice> first = new HashMap<>();
        for (SkuPrice price : records.subList(0, (int) stored)) {
            last.put(price.getPriceId(), price);
            first.putIfAbsent(price.getPriceId(), price);
        }
        List<Current> expected = new ArrayList<>();
        last.forEach((id, price) -> expected.add(new Current("aws", id, new BigDecimal(price.getPrice().toPlainString()).stripTrailingZeros(),
                BigDecimal.ZERO.stripTrailingZeros(), null, "hours", "USD", null, first.get(id).getObservedAt(),
                price.getObservedAt(), price.getObservedAt(), null, price.getRunId())));
        return expected;
    }

    private static Process startChild(Map<String, Object> config) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SinkProcess.class.getName()));
        config.forEach((key, value) -> command.add(key + "=" + value));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "pricestream-crash-sink.log")).start();
    }

    private static Map<String, Object> config(PipelineEnvironment stack, Database db, String topic, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(SinkConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        config.put(SinkConfig.GROUP_ID, group);
        config.put(SinkConfig.TOPIC, topic);
        config.put(SinkConfig.DLQ_TOPIC, topic + "_dlq");
        config.put(SinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(SinkConfig.JDBC_USER, db.user());
        config.put(SinkConfig.JDBC_PASSWORD, db.password());
        config.put(SinkConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        config.put(SinkConfig.BATCH_MAX_RECORDS, 15);
        config.put(SinkConfig.BATCH_MAX_WAIT_MS, 50);
        // the killed member must leave the group soon so the next sink gets the partition
        config.put(SinkConfig.SESSION_TIMEOUT_MS, 6000);
        return config;
    }

    private static void produce(PipelineEnvironment stack, String topic, List<SkuPrice> records) throws Exception {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        Serializer<PriceKey> keys = PriceSerdes.priceKey(registry).serializer();
        Serializer<SkuPrice> values = PriceSerdes.skuPrice(registry).serializer();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SkuPrice price : records) {
                producer.send(new ProducerRecord<>(topic, keys.serialize(topic, new PriceKey(price.getCsp(), price.getPriceId())),
                        values.serialize(topic, price)));
            }
            producer.flush();
        }
    }

    private static long storedOffset(Database db, String group) throws Exception {
        try (Connection connection = db.connect()) {
            return StoredPrices.count(connection, "SELECT coalesce(max(next_offset), 0) FROM api_price.sink_offsets"
                    + " WHERE consumer_group = '" + group + "'");
        }
    }

    private static void awaitStoredOffsetAtLeast(Database db, String group, long offset) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> storedOffset(db, group) >= offset);
    }
}
