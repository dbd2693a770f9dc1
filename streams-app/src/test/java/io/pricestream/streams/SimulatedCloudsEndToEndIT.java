package io.pricestream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.run.PriceScrapers;
import io.pricestream.scrapers.run.RunOutcome;
import io.pricestream.scrapers.run.ScrapeRunner;
import io.pricestream.streams.change.PriceFingerprint;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.RulesFile;
import io.pricestream.streams.validate.PriceValidator;

/**
 * csp-sim (AWS and Azure APIs over HTTP) → the real scrapers → raw topics → the streams app → prices.sku,
 * on the shared local stack. The expected output is derived from what the scrapers actually published
 * (valid and relevant under the bundled rules), so the test checks the streams app, not the simulator.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SimulatedCloudsEndToEndIT {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCloudsEndToEndIT.class);
    private static final List<String> CSPS = List.of("aws", "azure");
    private static final int PARTITIONS = 3;

    private static PipelineEnvironment stack;
    private static SchemaRegistryClient registry;
    private static CspSimulator sim;

    @TempDir
    Path stateDir;

    private final RelevanceRules rules = RulesFile.bundledDefaults();
    private final PriceValidator validator = new PriceValidator(new BigDecimal(StreamsAppConfig.DEFAULT_PRICE_MAX));
    private int sentinelRound;

    @BeforeAll
    static void start() {
        stack = ItEnvironment.get();
        registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        sim = CspSimulator.start(CspSimConfig.builder().scale(2_000).seed(7).build());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldCarryExactlyTheRelevantChangesFromScrapedCloudsToPricesSku() throws Exception {
        String base = SharedLocalStack.uniqueName("e2e");
        ScraperConfig scraperConfig = scraperConfig(base);
        String skuTopic = base + ".sku";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            CSPS.forEach(csp -> topics.add(new NewTopic(scraperConfig.rawTopic(csp), PARTITIONS, (short) 1)));
            topics.add(new NewTopic(scraperConfig.runsTopic(), 1, (short) 1));
            topics.add(new NewTopic(skuTopic, PARTITIONS, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            topics.add(new NewTopic(base + ".dlq", 1, (short) 1));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<PriceKey, SpecificRecord> producer = producer();
             KafkaConsumer<PriceKey, SkuPrice> sku = skuConsumer(base, skuTopic);
             PricesStreamsApp app = new PricesStreamsApp(streamsConfig(base, scraperConfig, skuTopic), rules, TopologySerdes.of(registry),
                     new SimpleMeterRegistry())) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);

            // run 1: everything relevant is new
            Map<PriceKey, SkuPrice> run1 = scrapeAll(scraperConfig);
            Map<PriceKey, SkuPrice> relevant1 = relevant(run1);
            assertThat(relevant1.keySet().stream().map(PriceKey::getCsp).collect(Collectors.toSet()))
                    .as("the default rules keep prices of every simulated CSP").containsExactlyInAnyOrderElementsOf(CSPS);
            assertThat(relevant1.size()).as("the rules drop part of the catalogue").isLessThan(run1.size());
            List<SkuPrice> out1 = readAfterSentinels(producer, sku, scraperConfig);
            assertThat(out1).extracting(TestPrices::key).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(relevant1.keySet());

            // run 2 of the unchanged clouds: nothing
            Map<PriceKey, SkuPrice> run2 = scrapeAll(scraperConfig);
            assertThat(readAfterSentinels(producer, sku, scraperConfig)).isEmpty();

            // the clouds move; run 3 emits exactly the relevant changes, new prices and retirements
            sim.advance(0.2);
            Map<PriceKey, SkuPrice> relevant2 = relevant(run2);
            Map<PriceKey, SkuPrice> relevant3 = relevant(scrapeAll(scraperConfig));
            Set<PriceKey> changedOrNew = relevant3.entrySet().stream()
                    .filter(e -> !relevant2.containsKey(e.getKey())
                            || !PriceFingerprint.of(relevant2.get(e.getKey())).equals(PriceFingerprint.of(e.getValue())))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<PriceKey> retired = new HashSet<>(relevant2.keySet());
            retired.removeAll(relevant3.keySet());
            assertThat(changedOrNew.size() + retired.size()).as("the simulator moved some relevant prices").isPositive();

            LOG.info("Scraped {} prices, {} relevant; after the clouds moved: {} changed or new, {} retired",
                    run1.size(), relevant1.size(), changedOrNew.size(), retired.size());
            List<SkuPrice> out3 = readAfterSentinels(producer, sku, scraperConfig);
            assertThat(out3).extracting(TestPrices::key).doesNotHaveDuplicates();
            assertThat(out3.stream().filter(p -> p.getStatus() == PriceStatus.ACTIVE).map(TestPrices::key).toList())
                    .containsExactlyInAnyOrderElementsOf(changedOrNew);
            assertThat(out3.stream().filter(p -> p.getStatus() == PriceStatus.RETIRED).map(TestPrices::key).toList())
                    .containsExactlyInAnyOrderElementsOf(retired);
        }
    }

    private Map<PriceKey, SkuPrice> relevant(Map<PriceKey, SkuPrice> prices) {
        return prices.entrySet().stream()
                .filter(e -> validator.validate(e.getKey(), e.getValue()).isEmpty() && rules.isRelevant(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** One OK run per CSP; returns the prices it published (last value per key), read back from the raw topics. */
    private Map<PriceKey, SkuPrice> scrapeAll(ScraperConfig config) throws Exception {
        Map<PriceKey, SkuPrice> published = new HashMap<>();
        for (String csp : CSPS) {
            Map<TopicPartition, Long> before = endOffsets(config.rawTopic(csp));
            RunOutcome outcome = new ScrapeRunner(config).publish(PriceScrapers.forCsp(csp, config), registry);
            assertThat(outcome.run().getVerdict()).as(csp + " run verdict, reasons " + outcome.run().getVerdictReasons()).isEqualTo(RunVerdict.OK);
            readRaw(config.rawTopic(csp), before).forEach(r -> {
                if (r.value() instanceof SkuPrice price) {
                    published.put(r.key(), price);
                }
            });
        }
        return published;
    }

    /** Writes one relevant sentinel price after the run on every raw partition, then reads prices.sku to the end. */
    private List<SkuPrice> readAfterSentinels(KafkaProducer<PriceKey, SpecificRecord> producer, KafkaConsumer<PriceKey, SkuPrice> sku,
                                              ScraperConfig config) {
        sentinelRound++;
        String prefix = "SENTINEL" + sentinelRound + "-";
        for (String csp : CSPS) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                SkuPrice sentinel = TestPrices.awsStorage(prefix + csp + partition + ".X.Y", "1", "sentinel", Instant.now())
                        .setService("AmazonS3").build();
                producer.send(new ProducerRecord<>(config.rawTopic(csp), partition, TestPrices.key(sentinel), sentinel));
            }
        }
        producer.flush();
        List<SkuPrice> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            sku.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            return read.stream().filter(p -> p.getPriceId().startsWith(prefix)).count() == (long) CSPS.size() * PARTITIONS;
        });
        Map<TopicPartition, Long> end = sku.endOffsets(sku.assignment());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sku.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            return end.entrySet().stream().allMatch(e -> sku.position(e.getKey()) >= e.getValue());
        });
        return read.stream().filter(p -> !p.getPriceId().startsWith("SENTINEL")).toList();
    }

    private ScraperConfig scraperConfig(String base) {
        Map<String, Object> props = new HashMap<>();
        props.put(ScraperConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(ScraperConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        props.put(ScraperConfig.TOPIC_RAW_PREFIX, base + ".raw.");
        props.put(ScraperConfig.TOPIC_RUNS, base + ".runs");
        CSPS.forEach(csp -> props.put(ScraperConfig.endpointKey(csp), sim.url()));
        props.put(ScraperConfig.HTTP_RETRIES_MAX, 2);
        props.put(ScraperConfig.HTTP_BACKOFF_INITIAL_MS, 10L);
        props.put(ScraperConfig.HTTP_BACKOFF_MAX_MS, 50L);
        // every run reads everything: an unchanged source skipped by a conditional fetch makes a PARTIAL run
        props.put(ScraperConfig.CONDITIONAL_FETCH_ENABLED, false);
        return new ScraperConfig(props);
    }

    private StreamsAppConfig streamsConfig(String base, ScraperConfig scraperConfig, String skuTopic) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        settings.put(StreamsAppConfig.APPLICATION_ID, base + "-app");
        settings.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
        settings.put(StreamsAppConfig.RAW_TOPICS, CSPS.stream().map(scraperConfig::rawTopic).collect(Collectors.joining(",")));
        settings.put(StreamsAppConfig.SKU_TOPIC, skuTopic);
        settings.put(StreamsAppConfig.DLQ_TOPIC, base + ".dlq");
        return new StreamsAppConfig(settings);
    }

    private static KafkaProducer<PriceKey, SpecificRecord> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return new KafkaProducer<>(props, PriceSerdes.priceKey(registry).serializer(), PriceSerdes.rawValue(registry).serializer());
    }

    private static KafkaConsumer<PriceKey, SkuPrice> skuConsumer(String base, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, base + "-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<PriceKey, SkuPrice> consumer = new KafkaConsumer<>(props, PriceSerdes.priceKey(registry).deserializer(),
                PriceSerdes.skuPrice(registry).deserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<PriceKey, SpecificRecord> consumer = rawConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            return consumer.endOffsets(partitions);
        }
    }

    /** The raw records written since {@code from} (per-partition offsets). */
    private static List<ConsumerRecord<PriceKey, SpecificRecord>> readRaw(String topic, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<PriceKey, SpecificRecord>> records = new ArrayList<>();
        try (KafkaConsumer<PriceKey, SpecificRecord> consumer = rawConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, from.get(tp)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaConsumer<PriceKey, SpecificRecord> rawConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return new KafkaConsumer<>(props, PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.rawValue(registry).deserializer());
    }
}
