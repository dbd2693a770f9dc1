package io.pricestream.streams;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.registry.InMemorySchemaRegistryClient;
import io.pricestream.streams.rules.RulesFile;

/** Names that must not change by accident (they name internal topics), and the raw-topic pattern option. */
class PricesTopologyShapeTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldNameEveryNodeAndTheStoreExplicitly() {
        StreamsAppConfig config = new StreamsAppConfig(Map.of(StreamsAppConfig.BOOTSTRAP_SERVERS, "unused:9092",
                StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://unused:8081"));
        TopologyDescription description = PricesTopology.build(config, RulesFile.bundledDefaults(),
                TopologySerdes.of(new InMemorySchemaRegistryClient()), new PricesMetrics(new SimpleMeterRegistry())).describe();

        assertThat(description.subtopologies()).hasSize(1);
        TopologyDescription.Subtopology subtopology = description.subtopologies().iterator().next();
        assertThat(subtopology.nodes().stream().map(TopologyDescription.Node::name).collect(Collectors.toSet()))
                .isEqualTo(Set.of("prices-raw-source", "prices-relevance-prefilter", "prices-validate", "prices-dlq-sink", "prices-relevance-filter",
                        "prices-change-detector", "prices-sku-sink"));
        assertThat(subtopology.nodes().stream().filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream()))
                .containsExactly("prices-state");
    }

    @Test
    void shouldReadRawTopicsByPatternAndWriteTheNamedChangelog() {
        try (TopologyHarness harness = new TopologyHarness(stateDir, RulesFile.bundledDefaults(),
                Map.of(StreamsAppConfig.RAW_TOPIC_PATTERN, "prices\\.raw\\..*"))) {
            harness.raw("prices.raw.extra").pipeInput(new PriceKey("aws", "A.B.C"), awsStorage("A.B.C", "0.08", "run-1", at(1)).build());

            assertThat(harness.skuOutput()).hasSize(1);
            assertThat(harness.driver.producedTopicNames()).contains("pricestream-streams-prices-state-changelog");
        }
    }
}
