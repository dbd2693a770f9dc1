package io.pricestream.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.config.ConfigDef;

import io.pricestream.connect.cdc.CdcConfig;
import io.pricestream.connect.sink.SinkConfig;
import io.pricestream.cli.pipeline.PipelineConfig;
import io.pricestream.localstack.LocalStackConfig;
import io.pricestream.schemas.config.KafkaClientScope;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.streams.StreamsAppConfig;

/**
 * Every component whose configuration the {@code pricestream} command reads, with the declaration of its
 * keys. It is the single list that decides which keys are known (unknown keys in the file are reported),
 * which environment variables are read, and what the README and {@code pricestream.yaml.example} document.
 */
public final class ComponentCatalog {

    /** One component: a short name, a title for the docs, its key declaration and where it is documented. */
    public record Component(String name, String title, ConfigDef definition, String readme) {
    }

    private static final List<Component> COMPONENTS = List.of(
            new Component("endpoints", "Endpoints (Kafka, PostgreSQL)", EndpointsConfig.CONFIG_DEF, "cli/README.md"),
            new Component("pipeline", "Pipeline (topics, schedule)", PipelineConfig.CONFIG_DEF, "cli/README.md"),
            new Component("registry", "Schema Registry client", SchemaRegistryConfig.CONFIG_DEF, "schemas/README.md"),
            new Component("local", "Local stack", LocalStackConfig.CONFIG_DEF, "local-stack/README.md"),
            new Component("scrapers", "Scrapers", ScraperConfig.CONFIG_DEF, "scrapers/README.md"),
            new Component("streams", "Streams app", StreamsAppConfig.CONFIG_DEF, "streams-app/README.md"),
            new Component("sink", "JDBC sink", SinkConfig.CONFIG_DEF, "connect/README.md"),
            new Component("cdc", "CDC publisher (Debezium)", CdcConfig.CONFIG_DEF, "connect/README.md"),
            new Component("csp-sim", "CSP simulator", CspSimKeys.CONFIG_DEF, "csp-sim/README.md"));

    private ComponentCatalog() {
    }

    public static List<Component> all() {
        return COMPONENTS;
    }

    /**
     * The Kafka client scopes of the components that create Kafka clients: their {@code <component>.kafka.*} keys are
     * accepted as pass-through keys ({@link KafkaOverrideKeys}).
     */
    public static List<KafkaClientScope> kafkaScopes() {
        return List.of(ScraperConfig.KAFKA_SCOPE, StreamsAppConfig.KAFKA_SCOPE, SinkConfig.KAFKA_SCOPE, CdcConfig.KAFKA_SCOPE);
    }

    /** Every declared key of every component, sorted. */
    public static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        COMPONENTS.forEach(component -> keys.addAll(component.definition().names()));
        return Collections.unmodifiableSet(keys);
    }

    /** Each known key with the declaration it comes from (first declaration wins). */
    public static Map<String, ConfigDef.ConfigKey> declarations() {
        Map<String, ConfigDef.ConfigKey> keys = new LinkedHashMap<>();
        COMPONENTS.forEach(component -> component.definition().configKeys().forEach(keys::putIfAbsent));
        return keys;
    }
}
