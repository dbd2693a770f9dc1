package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.pricestream.schemas.config.ConfigTable;
import io.pricestream.schemas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    private static final Map<String, Object> REQUIRED = Map.of(
            SinkConfig.BOOTSTRAP_SERVERS, "localhost:9092",
            SinkConfig.JDBC_URL, "jdbc:postgresql://localhost:5432/pricestream",
            SinkConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");

    @Test
    void shouldDocumentEveryKeyWhenDeclared() {
        assertThat(SinkConfig.CONFIG_DEF.configKeys().values())
                .allSatisfy(key -> {
                    assertThat(key.documentation).as(key.name).isNotBlank();
                    assertThat(key.name).startsWith("sink.");
                });
        assertThat(ConfigTable.markdown(SinkConfig.CONFIG_DEF)).contains("`sink.batch.max.records`", "`PRICESTREAM_SINK_JDBC_URL`");
    }

    @Test
    void shouldNameEveryRequiredKeyWhenConfigIsEmpty() {
        assertThatThrownBy(() -> new SinkConfig(Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(SinkConfig.BOOTSTRAP_SERVERS)
                .hasMessageContaining(SinkConfig.JDBC_URL)
                .hasMessageContaining(SinkConfig.SCHEMA_REGISTRY_URL)
                .hasMessageContaining("3 problems");
    }

    @Test
    void shouldApplyDefaultsWhenOnlyRequiredKeysAreGiven() {
        SinkConfig config = new SinkConfig(REQUIRED);

        assertThat(config.groupId()).isEqualTo("pricestream-sink");
        assertThat(config.topic()).isEqualTo("prices.sku");
        assertThat(config.dlqTopic()).isEqualTo("prices.dlq");
        assertThat(config.batchMaxRecords()).isEqualTo(5000);
        assertThat(config.batchMaxWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.retryMaxAttempts()).isEqualTo(10);
    }

    @Test
    void shouldRejectOutOfRangeBatchSizeAndMaskPasswordWhenDescribed() {
        Map<String, Object> bad = new java.util.HashMap<>(REQUIRED);
        bad.put(SinkConfig.BATCH_MAX_RECORDS, 0);
        assertThatThrownBy(() -> new SinkConfig(bad)).hasMessageContaining(SinkConfig.BATCH_MAX_RECORDS + "=0");

        Map<String, Object> withPassword = new java.util.HashMap<>(REQUIRED);
        withPassword.put(SinkConfig.JDBC_PASSWORD, "s3cret");
        SinkConfig config = new SinkConfig(withPassword);
        assertThat(config.jdbcPassword()).isEqualTo("s3cret");
        assertThat(config.describe().toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldReadConsumerSettingsForExactlyOnceWhenBuildingTheConsumer() {
        var properties = PriceSink.consumerProperties(new SinkConfig(REQUIRED));

        assertThat(properties).containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("group.id", "pricestream-sink");
    }
}
