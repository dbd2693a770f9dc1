package io.pricestream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.InvalidConfigException;

class PipelineSettingsTest {

    private static final PipelineEndpoints ENDPOINTS = new PipelineEndpoints("kafka:9092", "http://registry:8081",
            "jdbc:postgresql://db:5432/prices", "prices", "secret");

    @Test
    void shouldWireEveryComponentToTheSameEndpointsAndTopics() {
        PipelineSettings settings = PipelineSettings.of(Map.of("scrapers.topic.raw.prefix", "t.raw.", "streams.sku.topic", "t.sku",
                PipelineConfig.CSPS, "aws,azure"), ENDPOINTS);

        assertThat(settings.rawTopics()).containsExactly("t.raw.aws", "t.raw.azure");
        assertThat(settings.streams().rawTopics()).containsExactly("t.raw.aws", "t.raw.azure");
        assertThat(settings.sink().topic()).as("the sink reads what the streams app writes").isEqualTo("t.sku");
        assertThat(List.of(settings.streams().bootstrapServers(), settings.sink().bootstrapServers(), settings.cdc().bootstrapServers(),
                settings.scrapers().bootstrapServers().orElseThrow())).containsOnly("kafka:9092");
        assertThat(List.of(settings.sink().jdbcUrl(), settings.cdc().jdbcUrl())).containsOnly("jdbc:postgresql://db:5432/prices");
        assertThat(settings.sink().jdbcPassword()).isEqualTo("secret");
    }

    @Test
    void shouldLetAComponentKeyWinOverTheSharedEndpoint() {
        PipelineSettings settings = PipelineSettings.of(Map.of("sink.bootstrap.servers", "other:9092"), ENDPOINTS);

        assertThat(settings.sink().bootstrapServers()).isEqualTo("other:9092");
        assertThat(settings.streams().bootstrapServers()).isEqualTo("kafka:9092");
    }

    @Test
    void shouldDescribeTheTopicsAsTheDesignSays() {
        PipelineSettings settings = PipelineSettings.of(Map.of(PipelineConfig.TOPICS_PARTITIONS, "6", PipelineConfig.RAW_RETENTION_MS, "86400000"),
                ENDPOINTS);

        Map<String, TopicSpec> topics = settings.topics().stream().collect(java.util.stream.Collectors.toMap(TopicSpec::name, t -> t));

        assertThat(topics).containsOnlyKeys("prices.raw.aws", "prices.raw.azure", "prices.raw.gcp", "prices.sku", "prices.runs",
                "prices.changes", "prices.dlq");
        assertThat(topics.get("prices.raw.gcp").configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "86400000")
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        assertThat(topics.get("prices.sku").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(topics.get("prices.runs").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(topics.get("prices.runs").partitions()).isEqualTo(1);
        assertThat(topics.get("prices.sku").partitions()).isEqualTo(6);
        assertThat(topics.get("prices.changes").partitions()).isEqualTo(6);
    }

    @Test
    void shouldNameEveryBadPipelineKey() {
        assertThatThrownBy(() -> PipelineSettings.of(Map.of(PipelineConfig.SCRAPE_INTERVAL, "sometimes", PipelineConfig.CSPS, "aws,oracle"),
                ENDPOINTS))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(PipelineConfig.SCRAPE_INTERVAL).hasMessageContaining("sometimes")
                .hasMessageContaining(PipelineConfig.CSPS).hasMessageContaining("oracle");
    }
}
