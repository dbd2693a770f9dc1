package io.pricestream.scrapers.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.ExpectedPrice;
import io.pricestream.cspsim.http.FaultConfig;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.scrapers.aws.AwsBulkScraper;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.output.CsvPriceWriter;
import io.pricestream.scrapers.testing.PublishFixture;

/** One AWS run end to end: csp-sim over HTTP → scraper → real Kafka broker + registry from the shared local stack. */
@Timeout(300)
class ScrapeRunnerIT {

    private static final int PARTITIONS = 3;

    private static PipelineEnvironment stack;
    private static SchemaRegistryClient registry;
    private static CspSimulator sim;

    @BeforeAll
    static void start() {
        stack = ItEnvironment.get();
        registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        sim = CspSimulator.start(CspSimConfig.builder().scale(2_000).seed(42).build());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** Config for one test: its own topics, created here, and short retries. */
    private static ScraperConfig config(String name, Map<String, Object> extra) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ScraperConfig.HTTP_RETRIES_MAX, 2);
        props.put(ScraperConfig.HTTP_BACKOFF_INITIAL_MS, 10L);
        props.put(ScraperConfig.HTTP_BACKOFF_MAX_MS, 50L);
        props.put(ScraperConfig.HTTP_TIMEOUT_MS, 10_000L);
        props.putAll(extra);
        return PublishFixture.config(stack, name, "aws", sim.url(), PARTITIONS, props);
    }

    private static <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values) {
        return PublishFixture.readAll(stack, topic, keys, values);
    }

    private static List<ConsumerRecord<PriceKey, SpecificRecord>> raw(ScraperConfig config) {
        return readAll(config.rawTopic("aws"), PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.rawValue(registry).deserializer());
    }

    private static List<ScrapeRun> runs(ScraperConfig config) {
        return readAll(config.runsTopic(), new StringDeserializer(), PriceSerdes.scrapeRun(registry).deserializer())
                .stream().map(ConsumerRecord::value).toList();
    }

    private static List<RunMarker> markers(List<ConsumerRecord<PriceKey, SpecificRecord>> raw, String runId) {
        return raw.stream().filter(r -> r.value() instanceof RunMarker m && m.getRunId().equals(runId))
                .map(r -> {
                    assertThat(r.key().getPriceId()).isEqualTo(RawRecords.MARKER_PRICE_ID);
                    assertThat(((RunMarker) r.value()).getPartition()).isEqualTo(r.partition());
                    return (RunMarker) r.value();
                }).toList();
    }

    @Test
    void shouldPublishEveryPricePlusOneMarkerPerPartitionAndAScrapeRunWhenRunAgainstTheSimulator() throws Exception {
        ScraperConfig config = config("full", Map.of());
        CatalogueTruth truth = sim.truth();

        RunOutcome outcome = new ScrapeRunner(config).publish(new AwsBulkScraper(config), registry);

        List<ConsumerRecord<PriceKey, SpecificRecord>> raw = raw(config);
        List<ConsumerRecord<PriceKey, SpecificRecord>> prices = raw.stream().filter(r -> r.value() instanceof SkuPrice).toList();
        Map<String, SkuPrice> byId = prices.stream().collect(Collectors.toMap(r -> r.key().getPriceId(), r -> (SkuPrice) r.value()));
        assertThat(prices).hasSize((int) truth.total(Csp.AWS));
        assertThat(byId).hasSize((int) truth.total(Csp.AWS)); // each price once
        List<ExpectedPrice> expected = new ArrayList<>();
        truth.forEach(Csp.AWS, expected::add);
        assertThat(expected).allSatisfy(e -> {
            SkuPrice actual = byId.get(e.priceId());
            assertThat(actual).as(e.priceId()).isNotNull();
            assertThat(actual.getPrice()).as(e.priceId()).isEqualByComparingTo(e.price());
            assertThat(actual.getService()).isEqualTo(e.service());
            assertThat(actual.getRegion()).isEqualTo(e.region());
            assertThat(actual.getUnitPublished()).isEqualTo(e.unit());
            assertThat(actual.getTierStart()).isEqualByComparingTo(e.tierStart());
            assertThat(actual.getRunId()).isEqualTo(outcome.run().getRunId());
        });

        List<RunMarker> markers = markers(raw, outcome.run().getRunId());
        assertThat(markers).hasSize(PARTITIONS);
        assertThat(markers).extracting(RunMarker::getPartition).containsExactlyInAnyOrder(0, 1, 2);
        Map<Integer, Long> perPartition = prices.stream().collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
        assertThat(markers).allSatisfy(m -> {
            assertThat(m.getVerdict()).isEqualTo(RunVerdict.OK);
            assertThat(m.getPartitionCount()).isEqualTo(PARTITIONS);
            assertThat(m.getRecordsInPartition()).isEqualTo(perPartition.getOrDefault(m.getPartition(), 0L));
        });
        // every marker comes after every price of its partition
        raw.stream().filter(r -> r.value() instanceof RunMarker).forEach(m -> assertThat(prices).noneMatch(p ->
                p.partition() == m.partition() && p.offset() > m.offset()));

        List<ScrapeRun> runs = runs(config);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.getVerdict()).isEqualTo(RunVerdict.OK);
            assertThat(run.getRecordsPublished()).isEqualTo(truth.total(Csp.AWS));
            assertThat(new TreeMap<>(run.getRecordsPerService())).isEqualTo(new TreeMap<>(truth.countsByService(Csp.AWS)));
            assertThat(run.getSourceVersions()).isNotEmpty();
            assertThat(run.getBytesDownloaded()).isPositive();
        });
        System.out.printf("AWS against csp-sim: %d records, %.2f MB in %d ms: %.2f MB/s, %.0f records/s%n",
                outcome.run().getRecordsPublished(), outcome.run().getBytesDownloaded() / 1e6, outcome.elapsed().toMillis(),
                outcome.megabytesPerSecond(), outcome.recordsPerSecond());
    }

    @Test
    void shouldDownloadNoOfferFileWhenVersionsAreUnchangedAndOnlyChangedFilesAfterAnAdvance() throws Exception {
        ScraperConfig config = config("conditional", Map.of(ScraperConfig.QUALITY_SHRINK_MAX_PCT, 100));
        ScrapeRunner runner = new ScrapeRunner(config);

        RunOutcome first = runner.publish(new AwsBulkScraper(config), registry);
        RunOutcome second = runner.publish(new AwsBulkScraper(config), registry);

        int files = first.run().getSourceVersions().size();
        assertThat(first.run().getSkippedSources()).isEmpty();
        assertThat(second.run().getSkippedSources()).hasSize(files);
        assertThat(second.run().getRecordsPublished()).isZero();
        assertThat(second.run().getSourceVersions()).isEqualTo(first.run().getSourceVersions());
        assertThat(second.run().getBytesDownloaded()).isLessThan(first.run().getBytesDownloaded() / 5); // the indexes only
        assertThat(second.run().getVerdict()).isEqualTo(RunVerdict.PARTIAL); // read nothing, may retire nothing
        assertThat(second.gateFailed()).isFalse();
        assertThat(markers(raw(config), second.run().getRunId())).hasSize(PARTITIONS)
                .allSatisfy(m -> assertThat(m.getVerdict()).isEqualTo(RunVerdict.PARTIAL));

        sim.advance(0.02);
        try {
            RunOutcome third = runner.publish(new AwsBulkScraper(config), registry);

            Set<String> changed = first.run().getSourceVersions().entrySet().stream()
                    .filter(e -> !e.getValue().equals(third.run().getSourceVersions().get(e.getKey())))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(changed).isNotEmpty();
            assertThat(third.run().getSkippedSources()).hasSize(third.run().getSourceVersions().size() - changed.size()
                    - (int) third.run().getSourceVersions().keySet().stream().filter(k -> !first.run().getSourceVersions().containsKey(k)).count());
            assertThat(third.run().getSkippedSources()).doesNotContainAnyElementsOf(changed);
            Map<String, Map<String, Long>> truth = sim.truth().countsByServiceAndRegion(Csp.AWS);
            long expected = third.run().getSourceVersions().keySet().stream()
                    .filter(source -> !third.run().getSkippedSources().contains(source))
                    .mapToLong(source -> truth.getOrDefault(source.split("/")[0], Map.of()).getOrDefault(source.split("/")[1], 0L))
                    .sum();
            assertThat(third.run().getRecordsPublished()).isEqualTo(expected);
            // the markers may only retire within services read completely; which services changed is the simulator's choice
            Set<String> skippedServices = third.run().getSkippedSources().stream().map(s -> s.split("/")[0]).collect(Collectors.toSet());
            if (third.run().getVerdict() == RunVerdict.OK) {
                assertThat(third.run().getScope().getServices()).isNotEmpty().doesNotContainAnyElementsOf(skippedServices);
            } else {
                assertThat(third.run().getVerdict()).isEqualTo(RunVerdict.PARTIAL);
                assertThat(third.run().getVerdictReasons()).singleElement().asString().contains("no service was read completely");
                assertThat(third.gateFailed()).isFalse();
            }
        } finally {
            // later tests compare against the truth of the generation they see; nothing else depends on generation 0
        }
    }

    @Test
    void shouldFailWithoutAnOkMarkerWhenBodiesAreTruncatedUntilRetriesRunOut() throws Exception {
        ScraperConfig config = config("truncated", Map.of());
        sim.faults(new FaultConfig(7, 0, 1, 0, 0, 0, 1.0, 0, 0));
        try {
            assertThatThrownBy(() -> new ScrapeRunner(config).publish(new AwsBulkScraper(config), registry))
                    .isInstanceOf(ScrapeException.class)
                    .hasMessageContaining(sim.url() + "/offers/v1.0/aws/")
                    .hasMessageContaining("retry budget");
        } finally {
            sim.faults(FaultConfig.NONE);
        }
        List<ConsumerRecord<PriceKey, SpecificRecord>> raw = raw(config);
        assertThat(raw).noneMatch(r -> r.value() instanceof RunMarker m && m.getVerdict() == RunVerdict.OK);
        assertThat(runs(config)).singleElement().satisfies(run -> assertThat(run.getVerdict()).isEqualTo(RunVerdict.FAILED));
    }

    @Test
    void shouldFailNamingTheUrlWhenAnOfferFileIsAnHtmlPage() throws Exception {
        ScraperConfig config = config("html", Map.of());
        sim.faults(new FaultConfig(7, 0, 1, 0, 0, 0, 0, 1.0, 0));
        try {
            assertThatThrownBy(() -> new ScrapeRunner(config).publish(new AwsBulkScraper(config), registry))
                    .isInstanceOf(ScrapeException.class)
                    .hasMessageContaining("Cannot parse the response of GET " + sim.url());
        } finally {
            sim.faults(FaultConfig.NONE);
        }
        assertThat(raw(config)).noneMatch(r -> r.value() instanceof RunMarker m && m.getVerdict() == RunVerdict.OK);
    }

    @Test
    void shouldNameTheBootstrapServersWhenTheBrokerIsUnreachable() throws Exception {
        ScraperConfig config = new ScraperConfig(Map.of(
                ScraperConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1",
                ScraperConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                ScraperConfig.PRODUCER_MAX_BLOCK_MS, 1_500L,
                ScraperConfig.RUNS_READ_TIMEOUT_MS, 1_500L,
                ScraperConfig.endpointKey("aws"), sim.url()));

        assertThatThrownBy(() -> new ScrapeRunner(config).publish(new AwsBulkScraper(config), registry))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void shouldWriteEveryPriceToCsvWhenDryRunning() throws Exception {
        ScraperConfig config = new ScraperConfig(Map.of(ScraperConfig.endpointKey("aws"), sim.url(),
                ScraperConfig.servicesKey("aws"), "AmazonEC2"));
        StringWriter csv = new StringWriter();

        RunOutcome outcome;
        try (CsvPriceWriter writer = new CsvPriceWriter(csv)) {
            outcome = new ScrapeRunner(config).dryRun(new AwsBulkScraper(config), writer);
        }

        long expected = sim.truth().countsByService(Csp.AWS).get("AmazonEC2");
        assertThat(outcome.run().getRecordsPublished()).isEqualTo(expected);
        assertThat(csv.toString().split("\r\n")).hasSize((int) expected + 1);
    }
}
