package io.pricestream.connect.sink;

import static io.pricestream.connect.testing.Prices.active;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
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
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's database really goes away and comes back: a private PostgreSQL (the shared one cannot be
 * stopped) is shut down while records keep arriving, then started again on the same data and port.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PriceSinkDatabaseRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldRetryAndLoseNothingWhenTheDatabaseRestartsMidStream() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        int port = freePort();
        String jdbcUrl = "jdbc:postgresql://localhost:" + port + "/postgres";
        String topic = SharedLocalStack.uniqueName("restart_sku");
        String group = SharedLocalStack.uniqueName("restart_sink");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        EmbeddedPostgres postgres = start(port);
        new PriceSchemaMigrator(jdbcUrl, "postgres", "postgres").migrate();
        MeterRegistry metrics = new SimpleMeterRegistry();
        PriceSink sink = PriceSink.create(new SinkConfig(config(stack, topic, group, jdbcUrl)), metrics);
        Thread worker = new Thread(sink, "restart-sink");
        worker.start();
        try {
            produce(stack, topic, 1, "1");
            awaitStoredOffset(jdbcUrl, group, 10);

            postgres.close();
            produce(stack, topic, 2, "2");
            await().atMost(Duration.ofSeconds(60)).until(() -> metrics.counter("pricestream.sink.retries").count() >= 1);
            postgres = start(port);

            awaitStoredOffset(jdbcUrl, group, 20);
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
                assertThat(StoredPrices.current(connection)).hasSize(10)
                        .allSatisfy(row -> assertThat(row.price()).isEqualByComparingTo("2"))
                        .extracting(Current::lastChangedAt).containsOnly(io.pricestream.connect.testing.Prices.minute(2));
                assertThat(StoredPrices.count(connection, "SELECT count(*) FROM api_price.infra_price_history")).isEqualTo(20);
            }
        } finally {
            sink.stop();
            worker.join(30_000);
            postgres.close();
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static Map<String, Object> config(PipelineEnvironment stack, String topic, String group, String jdbcUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(SinkConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        config.put(SinkConfig.GROUP_ID, group);
        config.put(SinkConfig.TOPIC, topic);
        config.put(SinkConfig.DLQ_TOPIC, topic + "_dlq");
        config.put(SinkConfig.JDBC_URL, jdbcUrl + "?connectTimeout=2");
        config.put(SinkConfig.JDBC_USER, "postgres");
        config.put(SinkConfig.JDBC_PASSWORD, "postgres");
        config.put(SinkConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        config.put(SinkConfig.BATCH_MAX_WAIT_MS, 100);
        config.put(SinkConfig.RETRY_MAX_ATTEMPTS, 60);
        config.put(SinkConfig.RETRY_INITIAL_BACKOFF_MS, 100);
        config.put(SinkConfig.RETRY_MAX_BACKOFF_MS, 1000);
        return config;
    }

    private static void produce(PipelineEnvironment stack, String topic, int minute, String price) throws Exception {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        Serializer<PriceKey> keys = PriceSerdes.priceKey(registry).serializer();
        Serializer<SkuPrice> values = PriceSerdes.skuPrice(registry).serializer();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties,
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                SkuPrice value = active("p" + i, price, minute).build();
                producer.send(new ProducerRecord<>(topic, keys.serialize(topic, new PriceKey("aws", "p" + i)),
                        values.serialize(topic, value))).get();
            }
        }
    }

    private static void awaitStoredOffset(String jdbcUrl, String group, long next) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(SQLException.class)
                .untilAsserted(() -> {
                    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
                        assertThat(StoredPrices.count(connection, "SELECT coalesce(max(next_offset), 0) FROM api_price.sink_offsets"
                                + " WHERE consumer_group = '" + group + "'")).isEqualTo(next);
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
