package io.pricestream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.InvalidConfigException;

/** Kafka Streams gets the pass-through client settings for all its clients; exactly-once and the app's own keys stay. */
class StreamsKafkaOverridesTest {

    private static Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, "b1:9093",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "https://registry.example.com"));
        settings.putAll(extra);
        return settings;
    }

    @Test
    void shouldPassSecuritySettingsToKafkaStreamsWhenGiven() {
        StreamsAppConfig config = new StreamsAppConfig(settings(Map.of(
                "kafka.security.protocol", "SSL",
                "kafka.ssl.keystore.location", "/secrets/client.p12",
                "streams.kafka.ssl.keystore.password", "ks-pw")));

        assertThat(config.streamsProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", "/secrets/client.p12").containsEntry("ssl.keystore.password", "ks-pw")
                .containsEntry("processing.guarantee", "exactly_once_v2");
        assertThat(config.describe()).containsEntry("streams.kafka.ssl.keystore.password", "[hidden]")
                .containsEntry("kafka.security.protocol", "SSL");
    }

    @Test
    void shouldRefuseExactlyOnceAndOwnKeysNamingEachKeyWhenOverridden() {
        assertThatThrownBy(() -> new StreamsAppConfig(settings(Map.of(
                "kafka.processing.guarantee", "at_least_once",
                "streams.kafka.application.id", "other",
                "kafka.producer.compression.type", "gzip"))))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder("kafka.processing.guarantee", "streams.kafka.application.id",
                                "kafka.producer.compression.type"))
                .hasMessageContaining("has its own key: streams.application.id");
    }

    @Test
    void shouldPollFor10MsUnlessOverridden() {
        assertThat(new StreamsAppConfig(settings(Map.of())).streamsProperties()).containsEntry("poll.ms", 10L);
        assertThat(new StreamsAppConfig(settings(Map.of("streams.kafka.poll.ms", "100"))).streamsProperties())
                .containsEntry("poll.ms", "100");
    }

    @Test
    void shouldUseTheAppsRegistryCredentialsWhenSet() {
        StreamsAppConfig config = new StreamsAppConfig(settings(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_USER_INFO, "streams:pw")));

        assertThat(config.schemaRegistry().basicAuthUserInfo()).contains("streams:pw");
    }
}
