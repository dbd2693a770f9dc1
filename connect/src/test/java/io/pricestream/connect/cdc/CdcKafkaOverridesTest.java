package io.pricestream.connect.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.schemas.config.InvalidConfigException;

/**
 * The CDC publisher's Kafka clients (events producer, topic admin, Debezium's offset store) get the pass-through
 * settings; the Debezium engine's own properties cannot be replaced; the JDBC URL's TLS parameters reach Debezium.
 */
class CdcKafkaOverridesTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"cdc\" password=\"pw\";";

    private static Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                CdcConfig.BOOTSTRAP_SERVERS, "b1:9093",
                CdcConfig.SCHEMA_REGISTRY_URL, "https://registry.example.com",
                CdcConfig.JDBC_URL, "jdbc:postgresql://db.example:5432/prices?sslmode=verify-full&sslrootcert=%2Fsecrets%2Froot.crt&ApplicationName=x",
                CdcConfig.JDBC_USER, "cdc"));
        settings.putAll(extra);
        return settings;
    }

    private static final Map<String, Object> SASL = Map.of(
            "kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "PLAIN", "cdc.kafka.sasl.jaas.config", JAAS);

    @Test
    void shouldGiveTheOffsetStoreTheClientSettingsAtWorkerLevelWhenGiven() {
        Properties engine = EngineProperties.from(new CdcConfig(settings(SASL)));

        assertThat(engine).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", JAAS).containsEntry("bootstrap.servers", "b1:9093")
                .containsEntry("offset.storage", EngineProperties.KAFKA_OFFSET_STORE);
    }

    @Test
    void shouldGiveTheEventsProducerAndTheTopicAdminTheClientSettingsWhenGiven() {
        PriceChangePublisher publisher = new PriceChangePublisher(new CdcConfig(settings(SASL)), new SimpleMeterRegistry());

        assertThat(publisher.producerProps()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("enable.idempotence", true).containsEntry("acks", "all");
        assertThat(publisher.adminProps()).containsEntry("security.protocol", "SASL_SSL").containsEntry("bootstrap.servers", "b1:9093");
    }

    @Test
    void shouldOwnEveryEnginePropertyItSets() {
        Properties engine = EngineProperties.from(new CdcConfig(settings(Map.of())));
        engine.keySet().removeAll(java.util.Set.of("bootstrap.servers", "database.sslmode", "database.sslrootcert"));

        assertThat(EngineProperties.OWNED).containsExactlyInAnyOrderElementsOf(engine.stringPropertyNames());
        assertThat(CdcConfig.KAFKA_SCOPE.owned()).containsKeys(EngineProperties.OWNED.toArray(String[]::new));
    }

    @Test
    void shouldRefuseAnEnginePropertyNamingTheKeyWhenOverridden() {
        assertThatThrownBy(() -> new CdcConfig(settings(Map.of("cdc.kafka.offset.storage.topic", "elsewhere",
                "kafka.database.sslmode", "disable"))))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key).containsExactly("cdc.kafka.offset.storage.topic"));
    }

    @Test
    void shouldPassTheJdbcUrlsTlsParametersToDebeziumWhenTheUrlCarriesThem() {
        Properties engine = EngineProperties.from(new CdcConfig(settings(Map.of())));

        assertThat(engine).containsEntry("database.sslmode", "verify-full").containsEntry("database.sslrootcert", "/secrets/root.crt")
                .doesNotContainKey("database.ApplicationName").containsEntry("database.hostname", "db.example");
        assertThat(PostgresTls.debeziumProperties("jdbc:postgresql://db/prices")).isEmpty();
    }

    @Test
    void shouldWatchWithTheCdcClientSettingsWhenOptionsCarryThem() {
        CdcConfig config = new CdcConfig(settings(SASL));
        PriceChangeWatcher watcher = new PriceChangeWatcher(new PriceChangeWatcher.Options("b1:9093", config.schemaRegistry(),
                config.kafkaOverrides(), "prices.changes", new WatchFilter(java.util.Set.of(), java.util.Set.of(), null), false));

        assertThat(watcher.consumerProps()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("enable.auto.commit", false);
    }
}
