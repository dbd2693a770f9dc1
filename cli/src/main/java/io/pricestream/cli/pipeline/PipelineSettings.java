package io.pricestream.cli.pipeline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClientConfig;

import io.pricestream.connect.cdc.CdcConfig;
import io.pricestream.connect.sink.SinkConfig;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.KafkaClientOverrides;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.streams.StreamsAppConfig;

/**
 * The typed configuration of every component {@code pricestream up} runs, made consistent with each other:
 * every component talks to the same endpoints (unless its own key says otherwise), the streams app reads
 * exactly the raw topics the scrapers write, and the sink reads the topic the streams app writes.
 */
public record PipelineSettings(PipelineConfig pipeline, ScraperConfig scrapers, StreamsAppConfig streams, SinkConfig sink,
                               CdcConfig cdc, PipelineEndpoints endpoints) {

    /**
     * @param settings  the merged configuration (file, environment, flags); component keys set there win
     * @param endpoints the resolved shared endpoints (configured, or the local stack's)
     */
    public static PipelineSettings of(Map<String, String> settings, PipelineEndpoints endpoints) {
        Map<String, String> merged = new LinkedHashMap<>(settings);
        merged.values().removeIf(Objects::isNull);
        PipelineConfig pipeline = new PipelineConfig(merged);

        merged.putIfAbsent(ScraperConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
        merged.putIfAbsent(ScraperConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl());
        ScraperConfig scrapers = new ScraperConfig(merged);

        merged.putIfAbsent(StreamsAppConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
        merged.putIfAbsent(StreamsAppConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl());
        merged.putIfAbsent(StreamsAppConfig.RAW_TOPICS, pipeline.csps().stream().map(scrapers::rawTopic).collect(Collectors.joining(",")));
        StreamsAppConfig streams = new StreamsAppConfig(merged);

        merged.putIfAbsent(SinkConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
        merged.putIfAbsent(SinkConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl());
        merged.putIfAbsent(SinkConfig.TOPIC, streams.skuTopic());
        merged.putIfAbsent(SinkConfig.JDBC_URL, endpoints.jdbcUrl());
        putIfPresent(merged, SinkConfig.JDBC_USER, endpoints.jdbcUser());
        putIfPresent(merged, SinkConfig.JDBC_PASSWORD, endpoints.jdbcPassword());
        SinkConfig sink = new SinkConfig(merged);

        merged.putIfAbsent(CdcConfig.BOOTSTRAP_SERVERS, endpoints.bootstrapServers());
        merged.putIfAbsent(CdcConfig.SCHEMA_REGISTRY_URL, endpoints.schemaRegistryUrl());
        merged.putIfAbsent(CdcConfig.JDBC_URL, endpoints.jdbcUrl());
        putIfPresent(merged, CdcConfig.JDBC_USER, endpoints.jdbcUser());
        putIfPresent(merged, CdcConfig.JDBC_PASSWORD, endpoints.jdbcPassword());
        CdcConfig cdc = new CdcConfig(merged);
        return new PipelineSettings(pipeline, scrapers, streams, sink, cdc, endpoints);
    }

    private static void putIfPresent(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.putIfAbsent(key, value);
        }
    }

    /** The Kafka client overrides of the pipeline's own clients: the shared {@code kafka.*} settings. */
    public KafkaClientOverrides kafkaOverrides() {
        return pipeline.kafkaOverrides();
    }

    /** Properties of an admin client of the pipeline's cluster, with the shared Kafka client overrides. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        return kafkaOverrides().applyTo(props);
    }

    /** The registry client settings for the pipeline's registry, with the shared credentials ({@code basic.auth.user.info}). */
    public SchemaRegistryConfig schemaRegistry() {
        return SchemaRegistryConfig.forUrl(endpoints.schemaRegistryUrl(), pipeline.originals());
    }

    /** The raw topics of the scraped CSPs, in CSP order. */
    public List<String> rawTopics() {
        return pipeline.csps().stream().map(scrapers::rawTopic).toList();
    }

    /** Every topic the pipeline needs, as it should be created. */
    public List<TopicSpec> topics() {
        return PipelineTopics.of(pipeline, rawTopics(), scrapers.runsTopic(), streams.skuTopic(), cdc.topic(), streams.dlqTopic());
    }

    /** Every component config, for logging the effective configuration. */
    public Map<String, ComponentConfig> components() {
        Map<String, ComponentConfig> components = new LinkedHashMap<>();
        components.put("pipeline", pipeline);
        components.put("scrapers", scrapers);
        components.put("streams", streams);
        components.put("sink", sink);
        components.put("cdc", cdc);
        return components;
    }
}
