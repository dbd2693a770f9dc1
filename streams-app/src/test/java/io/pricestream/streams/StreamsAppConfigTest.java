package io.pricestream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.InvalidConfigException;

class StreamsAppConfigTest {

    @Test
    void shouldDocumentEveryKey() {
        StreamsAppConfig.CONFIG_DEF.configKeys().values()
                .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
        assertThat(StreamsAppConfig.CONFIG_DEF.names()).allMatch(name -> name.startsWith("streams."));
    }

    @Test
    void shouldNameEveryRequiredKeyWhenConfigIsEmpty() {
        assertThatThrownBy(() -> new StreamsAppConfig(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder(StreamsAppConfig.BOOTSTRAP_SERVERS, StreamsAppConfig.SCHEMA_REGISTRY_URL));
    }

    @Test
    void shouldReportEveryBadValueAtOnce() {
        assertThatThrownBy(() -> new StreamsAppConfig(Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081",
                StreamsAppConfig.PRICE_MAX, "-5",
                StreamsAppConfig.RAW_TOPIC_PATTERN, "prices.raw.(",
                StreamsAppConfig.UNCAUGHT_EXCEPTION_RESPONSE, "ignore")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder(StreamsAppConfig.PRICE_MAX, StreamsAppConfig.RAW_TOPIC_PATTERN,
                                StreamsAppConfig.UNCAUGHT_EXCEPTION_RESPONSE));
    }

    @Test
    void shouldAlwaysRunExactlyOnceV2() {
        StreamsAppConfig config = new StreamsAppConfig(Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081",
                StreamsAppConfig.UNCAUGHT_EXCEPTION_RESPONSE, "REPLACE_THREAD",
                StreamsAppConfig.PRICE_MAX, "12.5"));

        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "pricestream-streams");
        assertThat(config.uncaughtExceptionResponse()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(config.priceMax()).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(config.rawTopics()).containsExactly("prices.raw.aws", "prices.raw.azure", "prices.raw.gcp");
        assertThat(config.rulesPath()).isEmpty();
    }

    @Test
    void shouldBatchAndCompressProducerOutputAndNeverIdleTasksByDefault() {
        StreamsAppConfig config = new StreamsAppConfig(Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081"));

        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500L)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4")
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }

    @Test
    void shouldPassConfiguredProducerBatchSizeAndCompressionToKafkaStreams() {
        StreamsAppConfig config = new StreamsAppConfig(Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081",
                StreamsAppConfig.PRODUCER_BATCH_SIZE_BYTES, "65536",
                StreamsAppConfig.PRODUCER_COMPRESSION_TYPE, "ZSTD"));

        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 65_536)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    }

    @Test
    void shouldRejectProducerBatchSizeAboveTheBrokersMessageLimitAndUnknownCompression() {
        assertThatThrownBy(() -> new StreamsAppConfig(Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081",
                StreamsAppConfig.PRODUCER_BATCH_SIZE_BYTES, "2097152",
                StreamsAppConfig.PRODUCER_COMPRESSION_TYPE, "brotli")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder(StreamsAppConfig.PRODUCER_BATCH_SIZE_BYTES, StreamsAppConfig.PRODUCER_COMPRESSION_TYPE));
    }

    @Test
    void shouldRefuseAPassThroughProducerBatchSizeWhenItHasItsOwnKey() {
        assertThatThrownBy(() -> new StreamsAppConfig(Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081",
                "streams.kafka.producer.batch.size", "1024")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactly("streams.kafka.producer.batch.size"));
    }
}
