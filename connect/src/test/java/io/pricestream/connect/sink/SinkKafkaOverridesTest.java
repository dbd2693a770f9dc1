package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.InvalidConfigException;

/** The sink's Kafka clients get the pass-through settings; what the sink's exactly-once depends on cannot be overridden. */
class SinkKafkaOverridesTest {

    private static Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                SinkConfig.BOOTSTRAP_SERVERS, "b1:9093",
                SinkConfig.JDBC_URL, "jdbc:postgresql://db:5432/pricestream",
                SinkConfig.SCHEMA_REGISTRY_URL, "https://registry.example.com"));
        settings.putAll(extra);
        return settings;
    }

    @Test
    void shouldPassSecuritySettingsToTheConsumerAndTheDlqProducerWhenGiven() {
        SinkConfig config = new SinkConfig(settings(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "PLAIN",
                "sink.kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.ssl.truststore.location", "/secrets/ca.p12")));

        assertThat(PriceSink.consumerProperties(config)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("ssl.truststore.location", "/secrets/ca.p12")
                .containsEntry("isolation.level", "read_committed").containsEntry("bootstrap.servers", "b1:9093");
        assertThat(PriceSink.producerProperties(config)).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("enable.idempotence", "true");
    }

    @Test
    void shouldRefuseOverridesOfWhatExactlyOnceDependsOnNamingEachKey() {
        assertThatThrownBy(() -> new SinkConfig(settings(Map.of(
                "kafka.isolation.level", "read_uncommitted",
                "sink.kafka.group.id", "other",
                "sink.kafka.auto.offset.reset", "latest"))))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder("kafka.isolation.level", "sink.kafka.group.id", "sink.kafka.auto.offset.reset"))
                .hasMessageContaining("has its own key: sink.group.id");
    }

    @Test
    void shouldSendTheSinksOwnRegistryCredentialsBeforeTheSharedOnes() {
        SinkConfig config = new SinkConfig(settings(Map.of(
                SinkConfig.SCHEMA_REGISTRY_USER_INFO, "sink:pw", "basic.auth.user.info", "shared:pw")));

        assertThat(config.schemaRegistry().basicAuthUserInfo()).contains("sink:pw");
        assertThat(config.describe()).containsEntry(SinkConfig.SCHEMA_REGISTRY_USER_INFO, "[hidden]");
        assertThat(new SinkConfig(settings(Map.of("basic.auth.user.info", "shared:pw"))).schemaRegistry().basicAuthUserInfo())
                .contains("shared:pw");
    }

    @Test
    void shouldRefuseRegistryCredentialsWithoutAColonWithoutEchoingThem() {
        assertThatThrownBy(() -> new SinkConfig(settings(Map.of(SinkConfig.SCHEMA_REGISTRY_USER_INFO, "justapassword"))))
                .hasMessageContaining(SinkConfig.SCHEMA_REGISTRY_USER_INFO + "=[hidden]")
                .hasMessageNotContaining("justapassword");
    }
}
