package io.pricestream.connect.sink;

import static io.pricestream.connect.testing.Prices.active;
import static io.pricestream.connect.testing.Prices.retired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
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
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sink end to end: a real broker, registry and PostgreSQL from the shared local stack. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PriceSinkIT {

    private static final int PARTITIONS = 3;

    private PipelineEnvironment stack;
    private Database db;
    private String topic;
    private String dlqTopic;
    private String group;
    private final List<PriceSink> sinks = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Serializer<PriceKey> keySerializer;
    private Serializer<SkuPrice> valueSerializer;

    @BeforeEach
    void setUp() throws Exception {
        stack = ItEnvironment.get();
        db = TestDatabases.create("sink");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        topic = SharedLocalStack.uniqueName("prices_sku");
        dlqTopic = SharedLocalStack.uniqueName("prices_dlq");
        group = SharedLocalStack.uniqueName("sink");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1), new NewTopic(dlqTopic, 1, (short) 1))).all().get();
        }
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        keySerializer = PriceSerdes.priceKey(registry).serializer();
        valueSerializer = PriceSerdes.skuPrice(registry).serializer();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        sinks.forEach(PriceSink::stop);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    @Test
    void shouldWriteLatestStateAndHistoryWhenPricesAreConsumed() throws Exception {
        List<SkuPrice> prices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            prices.add(active("p" + i, "1." + i, 1).build());
            prices.add(active("p" + i, "2." + i, 2).build());
        }
        prices.add(retired("p0", "2.0", 3).build());
        produce(prices);
        MeterRegistry metrics = new SimpleMeterRegistry();

        start(metrics);

        awaitOffsetsTotal(prices.size());
        try (Connection connection = db.connect()) {
            List<Current> current = StoredPrices.current(connection);
            assertThat(current).hasSize(20);
            assertThat(current).filteredOn(row -> row.priceId().equals("p7")).singleElement()
                    .satisfies(row -> assertThat(row.price()).isEqualByComparingTo("2.7"));
            assertThat(current).filteredOn(row -> row.retiredAt() != null).extracting(Current::priceId).containsExactly("p0");
            assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.infra_price_history WHERE valid_to IS NULL")).isEqualTo(19);
        }
        assertThat(recordsCounted(metrics)).isEqualTo(prices.size());
    }

    @Test
    void shouldApplyEveryRecordExactlyOnceWhenTheSinkIsRestartedMidway() throws Exception {
        List<SkuPrice> first = new ArrayList<>();
        List<SkuPrice> second = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(active("p" + i, "1", 1).build());
            second.add(active("p" + i, i % 2 == 0 ? "1" : "2", 2).build());
        }
        MeterRegistry before = new SimpleMeterRegistry();
        MeterRegistry after = new SimpleMeterRegistry();
        produce(first);
        PriceSink firstSink = start(before);
        awaitOffsetsTotal(first.size());
        firstSink.stop();
        threads.get(0).join(30_000);
        // pretend the copy of the offsets in Kafka was lost (crash between the database commit and commitAsync):
        // the database copy must win
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                rewound.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(group, rewound).all().get();
        }

        produce(second);
        start(after);
        awaitOffsetsTotal(first.size() + second.size());

        // every record was counted once over both runs: the restarted sink resumed exactly after the first. The sink
        // counts right after its commit, so the offsets can be visible a moment before the count moves.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(recordsCounted(before) + recordsCounted(after)).isEqualTo(first.size() + second.size());
            assertThat(count(after, "unchanged")).isEqualTo(15);
            assertThat(count(after, "changed")).isEqualTo(15);
        });
        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.infra_price_history")).isEqualTo(45);
        }
    }

    @Test
    void shouldApplyEveryRecordExactlyOnceWhenASecondInstanceJoinsTheGroup() throws Exception {
        List<SkuPrice> first = new ArrayList<>();
        List<SkuPrice> second = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(active("p" + i, "1", 1).build());
            second.add(active("p" + i, "2", 2).build());
        }
        MeterRegistry one = new SimpleMeterRegistry();
        MeterRegistry two = new SimpleMeterRegistry();
        produce(first);
        start(one);
        awaitOffsetsTotal(first.size());

        start(two);
        produce(second);
        awaitOffsetsTotal(first.size() + second.size());

        assertThat(recordsCounted(one) + recordsCounted(two)).isEqualTo(first.size() + second.size());
        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.current(connection)).hasSize(30)
                    .allSatisfy(row -> assertThat(row.price()).isEqualByComparingTo("2"));
            assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.infra_price_history")).isEqualTo(60);
        }
    }

    @Test
    void shouldSendUndecodableAndOversizedRecordsToDlqAndKeepGoing() throws Exception {
        produce(List.of(active("good-1", "1", 1).build()));
        produceRaw("garbage".getBytes(StandardCharsets.UTF_8), "not wire format".getBytes(StandardCharsets.UTF_8));
        SkuPrice template = active("too-big", "1", 1).build();
        produceRaw(keySerializer.serialize(topic, new PriceKey("aws", "too-big")), withPriceUnscaled(template,
                new BigInteger("1" + "0".repeat(26) + "000000000000")));
        produce(List.of(active("good-2", "1", 1).build()));
        MeterRegistry metrics = new SimpleMeterRegistry();

        start(metrics);

        awaitOffsetsTotal(4);
        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.current(connection)).extracting(Current::priceId).containsExactly("good-1", "good-2");
        }
        List<ConsumerRecord<byte[], byte[]>> dead = readDlq(2);
        assertThat(dead).extracting(record -> header(record, "pricestream.error.class")).containsExactlyInAnyOrder("undecodable", "invalid");
        assertThat(dead).allSatisfy(record -> {
            assertThat(header(record, "pricestream.source.topic")).isEqualTo(topic);
            assertThat(header(record, "pricestream.source.offset")).isNotEmpty();
        });
        assertThat(dead).filteredOn(record -> header(record, "pricestream.error.class").equals("invalid")).singleElement()
                .satisfies(record -> assertThat(header(record, "pricestream.error")).contains("aws/too-big").contains("numeric(38,12)"));
        assertThat(dead).filteredOn(record -> header(record, "pricestream.error.class").equals("undecodable")).singleElement()
                .satisfies(record -> assertThat(record.value()).isEqualTo("not wire format".getBytes(StandardCharsets.UTF_8)));
        assertThat(metrics.counter("pricestream.sink.dlq", "reason", "undecodable").count()).isEqualTo(1);
        assertThat(metrics.counter("pricestream.sink.dlq", "reason", "invalid").count()).isEqualTo(1);
    }

    @Test
    void shouldSendOnlyTheRefusedPriceToDlqWhenTheDatabaseRefusesABatch() throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            // a rule the sink cannot know about: the batch fails with 23514 (check_violation), not transiently
            statement.execute("ALTER TABLE api_price.infra_price ADD CONSTRAINT test_no_poison CHECK (price_id <> 'poison')");
        }
        produce(List.of(active("a", "1", 1).build(), active("poison", "1", 1).build(), active("b", "1", 1).build()));
        MeterRegistry metrics = new SimpleMeterRegistry();

        start(metrics);

        awaitOffsetsTotal(3);
        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.current(connection)).extracting(Current::priceId).containsExactly("a", "b");
            // the accepted prices are committed with their batch's offsets, as every batch is: the transaction (xmin)
            // that wrote each price row also wrote an offset row
            try (Statement statement = connection.createStatement();
                 ResultSet orphans = statement.executeQuery("SELECT price_id FROM api_price.infra_price WHERE xmin::text NOT IN "
                         + "(SELECT xmin::text FROM api_price.sink_offsets)")) {
                List<String> writtenWithoutOffsets = new ArrayList<>();
                while (orphans.next()) {
                    writtenWithoutOffsets.add(orphans.getString(1));
                }
                assertThat(writtenWithoutOffsets).isEmpty();
            }
        }
        assertThat(readDlq(1)).singleElement().satisfies(record -> {
            assertThat(header(record, "pricestream.error.class")).isEqualTo("database");
            assertThat(header(record, "pricestream.error")).contains("aws/poison").contains("test_no_poison");
        });
        assertThat(metrics.counter("pricestream.sink.dlq", "reason", "database").count()).isEqualTo(1);
        assertThat(count(metrics, "new")).isEqualTo(2);
    }

    @Test
    void shouldRetryOnFreshConnectionWhenTheDatabaseDropsIt() throws Exception {
        MeterRegistry metrics = new SimpleMeterRegistry();
        produce(List.of(active("p1", "1", 1).build()));
        start(metrics);
        awaitOffsetsTotal(1);

        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pricestream-sink'"
                    + " AND datname = current_database()");
        }
        produce(List.of(active("p1", "2", 2).build()));

        awaitOffsetsTotal(2);
        assertThat(metrics.counter("pricestream.sink.retries").count()).isGreaterThanOrEqualTo(1);
        try (Connection connection = db.connect()) {
            assertThat(StoredPrices.current(connection)).singleElement().satisfies(row -> assertThat(row.price()).isEqualByComparingTo("2"));
            assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.infra_price_history")).isEqualTo(2);
        }
    }

    private PriceSink start(MeterRegistry metrics) {
        Map<String, Object> config = new HashMap<>();
        config.put(SinkConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        config.put(SinkConfig.GROUP_ID, group);
        config.put(SinkConfig.TOPIC, topic);
        config.put(SinkConfig.DLQ_TOPIC, dlqTopic);
        config.put(SinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(SinkConfig.JDBC_USER, db.user());
        config.put(SinkConfig.JDBC_PASSWORD, db.password());
        config.put(SinkConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        config.put(SinkConfig.BATCH_MAX_RECORDS, 7);
        config.put(SinkConfig.BATCH_MAX_WAIT_MS, 100);
        config.put(SinkConfig.RETRY_INITIAL_BACKOFF_MS, 50);
        PriceSink sink = PriceSink.create(new SinkConfig(config), metrics);
        Thread thread = new Thread(sink, "sink-" + sinks.size());
        sinks.add(sink);
        threads.add(thread);
        thread.start();
        return sink;
    }

    private void produce(List<SkuPrice> prices) throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (SkuPrice price : prices) {
                PriceKey key = new PriceKey(price.getCsp(), price.getPriceId());
                producer.send(new ProducerRecord<>(topic, keySerializer.serialize(topic, key), valueSerializer.serialize(topic, price))).get();
            }
        }
    }

    private void produceRaw(byte[] key, byte[] value) throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    /**
     * A wire-format SkuPrice whose price has more integer digits than numeric(38,12) holds: Avro's writer
     * refuses to produce one, so the decimal's bytes are replaced in the generic (conversion-free) form.
     */
    private byte[] withPriceUnscaled(SkuPrice template, BigInteger unscaled) throws IOException {
        byte[] valid = valueSerializer.serialize(topic, template);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SkuPrice.getClassSchema(), SkuPrice.getClassSchema(), new GenericData());
        GenericRecord record = reader.read(null, DecoderFactory.get().binaryDecoder(valid, 5, valid.length - 5, null));
        record.put("price", ByteBuffer.wrap(unscaled.toByteArray()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(valid, 5));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SkuPrice.getClassSchema(), new GenericData()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private void awaitOffsetsTotal(long records) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            try (Connection connection = db.connect()) {
                // offsets start at 0 in a fresh topic, so the sum of next offsets is the number of records written
                assertThat(StoredPrices.count(connection, "SELECT coalesce(sum(next_offset), 0) FROM api_price.sink_offsets"
                        + " WHERE consumer_group = '" + group + "'")).isEqualTo(records);
            }
        });
    }

    private List<ConsumerRecord<byte[], byte[]>> readDlq(int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, SharedLocalStack.uniqueName("dlq_reader"));
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlqTopic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static double count(MeterRegistry metrics, String outcome) {
        return metrics.counter("pricestream.sink.records", "outcome", outcome).count();
    }

    private static double recordsCounted(MeterRegistry metrics) {
        return metrics.find("pricestream.sink.records").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
