package io.pricestream.scrapers.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.run.PriceScrapers;
import io.pricestream.scrapers.run.RunOutcome;
import io.pricestream.scrapers.run.ScrapeRunner;

/** One Azure run end to end: csp-sim over HTTP → scraper → ScrapeRunner → real Kafka broker + registry. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AzureRetailPublishIT {

    private static final int PARTITIONS = 3;

    private static PipelineEnvironment stack;
    private static SchemaRegistryClient registry;
    private static CspSimulator sim;

    @BeforeAll
    static void start() {
        stack = ItEnvironment.get();
        registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        sim = CspSimulator.start(CspSimConfig.builder().scale(4_000).seed(11).build());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldPublishEveryAzurePriceExactlyOnceWithAnOkVerdict() throws Exception {
        ScraperConfig config = config();
        CatalogueTruth truth = sim.truth();

        RunOutcome outcome = new ScrapeRunner(config).publish(PriceScrapers.forCsp("azure", config), registry);

        assertThat(outcome.verdict().verdict()).isEqualTo(RunVerdict.OK);
        List<ConsumerRecord<PriceKey, SpecificRecord>> raw = readAll(config.rawTopic("azure"),
                PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.rawValue(registry).deserializer());
        Map<String, SkuPrice> byId = new HashMap<>();
        raw.stream().filter(r -> r.value() instanceof SkuPrice).forEach(r -> byId.put(r.key().getPriceId(), (SkuPrice) r.value()));
        assertThat(raw.stream().filter(r -> r.value() instanceof SkuPrice)).hasSize((int) truth.total(Csp.AZURE));
        assertThat(byId).hasSize((int) truth.total(Csp.AZURE));
        List<String> wrong = new ArrayList<>();
        truth.forEach(Csp.AZURE, expected -> {
            SkuPrice actual = byId.get(expected.priceId());
            if (actual == null || expected.price().compareTo(actual.getPrice()) != 0) {
                wrong.add(expected.priceId() + " expected " + expected.price() + " got " + (actual == null ? null : actual.getPrice()));
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(raw.stream().filter(r -> r.value() instanceof RunMarker m && m.getRunId().equals(outcome.run().getRunId())))
                .hasSize(PARTITIONS)
                .allSatisfy(r -> assertThat(((RunMarker) r.value()).getVerdict()).isEqualTo(RunVerdict.OK));
        assertThat(new TreeMap<>(outcome.run().getRecordsPerService())).isEqualTo(new TreeMap<>(truth.countsByService(Csp.AZURE)));
        System.out.printf("Azure published against csp-sim: %d records, %.2f MB in %d ms: %.2f MB/s, %.0f records/s%n",
                outcome.run().getRecordsPublished(), outcome.run().getBytesDownloaded() / 1e6, outcome.elapsed().toMillis(),
                outcome.megabytesPerSecond(), outcome.recordsPerSecond());
    }

    private static ScraperConfig config() throws Exception {
        String prefix = SharedLocalStack.uniqueName("azure_publish") + ".raw.";
        String runs = SharedLocalStack.uniqueName("azure_publish") + ".runs";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + "azure", PARTITIONS, (short) 1), new NewTopic(runs, 1, (short) 1)))
                    .all().get();
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ScraperConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(ScraperConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        props.put(ScraperConfig.TOPIC_RAW_PREFIX, prefix);
        props.put(ScraperConfig.TOPIC_RUNS, runs);
        props.put(ScraperConfig.endpointKey("azure"), sim.url());
        return new ScraperConfig(props);
    }

    private static <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
