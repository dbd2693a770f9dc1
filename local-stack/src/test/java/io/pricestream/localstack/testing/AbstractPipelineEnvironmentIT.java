package io.pricestream.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/**
 * What every provider of {@link PipelineEnvironment} must give the pipeline's integration tests: Kafka that
 * carries records in the registry's wire format, a registry that keeps their schemas, and PostgreSQL with
 * logical replication and exact numerics. One subclass per provider only says which provider; the tests are
 * the same, which is how every module's ITs are meant to run in both modes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class AbstractPipelineEnvironmentIT {

    private static final BigDecimal PRICE = new BigDecimal("98765432109876543210987654.123456789012");

    private PipelineEnvironment environment;

    /** The provider under test. */
    protected abstract PipelineEnvironment environment();

    /**
     * Before each test rather than once per class (the provider caches its stack): a provider that cannot run
     * here (no Docker engine) aborts every test, so each one is reported as skipped instead of the class
     * vanishing from the counts.
     */
    @BeforeEach
    void obtainEnvironment() {
        environment = environment();
    }

    @Test
    void shouldCarryAPriceThroughKafkaInTheRegistryWireFormat() {
        String topic = SharedLocalStack.uniqueName("env_prices");
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(environment.schemaRegistryUrl());
        Serde<PriceKey> keys = PriceSerdes.priceKey(registry);
        Serde<SkuPrice> values = PriceSerdes.skuPrice(registry);
        PriceKey key = new PriceKey("aws", "JRTCKXETXF.6YS6EN2CT7.2TG2D8R56U");
        SkuPrice price = skuPrice();

        try (KafkaProducer<PriceKey, SkuPrice> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), keys.serializer(), values.serializer())) {
            producer.send(new ProducerRecord<>(topic, key, price)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to '" + topic + "' on " + environment.name(), e);
        }

        List<ConsumerRecord<PriceKey, SkuPrice>> received = new ArrayList<>();
        try (KafkaConsumer<PriceKey, SkuPrice> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), keys.deserializer(), values.deserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return !received.isEmpty();
                    });
        }

        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo(key);
        assertThat(received.get(0).value()).isEqualTo(price);
        assertThat(received.get(0).value().getPrice()).isEqualByComparingTo(PRICE);
        assertThat(registry.subjects()).contains(topic + "-key", topic + "-value");
        assertThat(registry.latest(topic + "-value").schema()).isEqualTo(SkuPrice.getClassSchema());
    }

    @Test
    void shouldRunPostgresWithLogicalReplicationAndExactNumerics() throws SQLException {
        String table = SharedLocalStack.uniqueName("env_prices");
        try (Connection connection = DriverManager.getConnection(environment.jdbcUrl(), environment.jdbcUser(),
                environment.jdbcPassword());
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW wal_level")).as("Debezium needs logical decoding").isEqualTo("logical");
            assertThat(Integer.parseInt(single(statement, "SHOW max_replication_slots"))).isGreaterThanOrEqualTo(10);

            statement.execute("CREATE TABLE " + table + " (price_id text PRIMARY KEY, price numeric(38,12) NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                insert.setString(1, "p1");
                insert.setBigDecimal(2, PRICE);
                insert.executeUpdate();
            }
            try (ResultSet rows = statement.executeQuery("SELECT price FROM " + table + " WHERE price_id = 'p1'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBigDecimal(1)).isEqualTo(PRICE);
            }
            statement.execute("DROP TABLE " + table);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            return result.getString(1);
        }
    }

    private static SkuPrice skuPrice() {
        return SkuPrice.newBuilder()
                .setCsp("aws").setPriceId("JRTCKXETXF.6YS6EN2CT7.2TG2D8R56U").setSkuId("JRTCKXETXF")
                .setService("AmazonEC2").setServiceName(null).setProductFamily("Compute Instance")
                .setRegion("eu-west-1").setSkuName("m5.large").setUnit("hours").setUnitPublished("Hrs")
                .setUnitMultiplier(new BigDecimal("1.000000000000")).setTierStart(new BigDecimal("0.000000000000"))
                .setTierEnd(null).setPrice(PRICE).setCurrency("USD").setPurchaseOption(PurchaseOption.ON_DEMAND)
                .setTerm(null).setEffectiveFrom(null).setAttributes(Map.of("tenancy", "Shared"))
                .setObservedAt(Instant.ofEpochMilli(1_763_800_000_123L)).setRunId("run-1").setSourceVersion(null)
                .setStatus(PriceStatus.ACTIVE)
                .build();
    }
}
