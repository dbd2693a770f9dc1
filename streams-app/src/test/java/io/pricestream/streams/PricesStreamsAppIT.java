package io.pricestream.streams;

import static io.pricestream.streams.TestPrices.awsStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.streams.rules.RulesFile;
import io.pricestream.schemas.DlqHeaders;

/**
 * The streams app on a real broker and registry (the shared local stack): raw records produced with the
 * real serdes come out of prices.sku as exactly the expected subset, read with read_committed.
 *
 * <p>"Nothing more arrived" is checked without waiting for time to pass: after each run one sentinel price
 * is written to every raw partition; once all sentinels are out, every earlier record has been processed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PricesStreamsAppIT {

    private static final int PARTITIONS = 3;

    @TempDir
    Path stateDir;

    private PipelineEnvironment stack;
    private SchemaRegistryClient registry;
    private String rawTopic;
    private String skuTopic;
    private String dlqTopic;
    private String applicationId;
    private KafkaProducer<PriceKey, SpecificRecord> producer;
    private KafkaConsumer<PriceKey, SkuPrice> skuConsumer;
    private PricesStreamsApp app;
    private int sentinels;

    @BeforeEach
    void createTopics() throws Exception {
        stack = ItEnvironment.get();
        registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        String base = SharedLocalStack.uniqueName("streams_it");
        rawTopic = base + ".raw.aws";
        skuTopic = base + ".sku";
        dlqTopic = base + ".dlq";
        applicationId = base + "-app";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(rawTopic, PARTITIONS, (short) 1),
                    new NewTopic(skuTopic, PARTITIONS, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(dlqTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerProps, PriceSerdes.priceKey(registry).serializer(), PriceSerdes.rawValue(registry).serializer());
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, base + "-reader");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        skuConsumer = new KafkaConsumer<>(consumerProps, PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.skuPrice(registry).deserializer());
        skuConsumer.subscribe(List.of(skuTopic));
    }

    @AfterEach
    void closeEverything() {
        if (app != null) {
            app.close();
        }
        producer.close(Duration.ofSeconds(10));
        skuConsumer.close(Duration.ofSeconds(10));
    }

    @Test
    void shouldEmitExactlyTheRelevantSubsetOnceAndRetireAfterAnOkRun() {
        startApp();
        // run 1: 30 relevant prices, 10 irrelevant ones (a service outside the rules), 2 invalid ones
        List<SkuPrice> relevant = prices("run-1", 30, 1, "0.08");
        List<SkuPrice> irrelevant = IntStream.range(0, 10)
                .mapToObj(i -> awsStorage("IRR" + i + ".JRTCKXETXF.6YS6EN2CT7", "1", "run-1", minutes(1)).setService("AmazonSageMaker")
                        .setProductFamily("ML Instance").build())
                .toList();
        List<SkuPrice> invalid = List.of(
                awsStorage("BAD1.JRTCKXETXF.6YS6EN2CT7", "-1", "run-1", minutes(1)).build(),
                awsStorage("BAD2.JRTCKXETXF.6YS6EN2CT7", "1", "run-1", minutes(1)).setUnit("unknown").build());
        send(relevant);
        send(irrelevant);
        send(invalid);
        sendMarkers("run-1", RunVerdict.OK, minutes(0), minutes(5));

        List<SkuPrice> run1 = readUntilSentinels();
        assertThat(run1).extracting(SkuPrice::getPriceId)
                .containsExactlyInAnyOrderElementsOf(relevant.stream().map(SkuPrice::getPriceId).toList());
        assertThat(readDlq()).hasSize(2).allSatisfy(record ->
                assertThat(record.headers().lastHeader(DlqHeaders.SOURCE_TOPIC).value()).asString().isEqualTo(rawTopic));

        // run 2: the same prices again: nothing new
        send(prices("run-2", 30, 60, "0.08"));
        sendMarkers("run-2", RunVerdict.OK, minutes(59), minutes(65));
        assertThat(readUntilSentinels()).as("an identical run adds nothing").isEmpty();

        // run 3: 5 prices missing, 3 changed; a FAILED run first retires nothing
        send(withFirstThreeAt("0.07", prices("run-3", 25, 120, "0.08")));
        sendMarkers("run-3", RunVerdict.FAILED, minutes(119), minutes(125));
        List<SkuPrice> afterFailed = readUntilSentinels();
        assertThat(afterFailed).extracting(SkuPrice::getStatus).containsOnly(PriceStatus.ACTIVE);
        assertThat(afterFailed).extracting(SkuPrice::getPriceId).containsExactlyInAnyOrder(id(0), id(1), id(2));

        send(withFirstThreeAt("0.07", prices("run-4", 25, 180, "0.08")));
        sendMarkers("run-4", RunVerdict.OK, minutes(179), minutes(185));
        List<SkuPrice> afterOk = readUntilSentinels();
        assertThat(afterOk).extracting(SkuPrice::getPriceId).containsExactlyInAnyOrder(id(25), id(26), id(27), id(28), id(29));
        assertThat(afterOk).allSatisfy(p -> {
            assertThat(p.getStatus()).isEqualTo(PriceStatus.RETIRED);
            assertThat(p.getRunId()).isEqualTo("run-4");
        });
    }

    @Test
    void shouldNeitherDuplicateNorLoseOutputWhenRestartedMidRun() {
        startApp();
        send(prices("run-1", 600, 1, "0.08"));
        sendMarkers("run-1", RunVerdict.OK, minutes(0), minutes(5));
        assertThat(readUntilSentinels()).hasSize(600);

        // run 2 changes every price. The app is closed while it is processing the run's first half (as soon
        // as some of its output is committed); the second half and the markers arrive while it is down.
        List<SkuPrice> run2 = prices("run-2", 600, 60, "0.09");
        send(run2.subList(0, 300));
        List<SkuPrice> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll(seen);
            return !seen.isEmpty();
        });
        app.close();
        app = null;
        send(run2.subList(300, 600));
        sendMarkers("run-2", RunVerdict.OK, minutes(59), minutes(65));
        startApp();
        List<SkuPrice> rest = readUntilSentinels();
        seen.addAll(rest);

        Map<String, Long> perPrice = seen.stream().collect(Collectors.groupingBy(SkuPrice::getPriceId, Collectors.counting()));
        assertThat(perPrice).hasSize(600);
        assertThat(perPrice.values()).as("exactly once per changed price").containsOnly(1L);
        assertThat(seen).extracting(p -> p.getPrice().stripTrailingZeros().toPlainString()).containsOnly("0.09");
    }

    @Test
    void shouldCommitARunAsSoonAsItsMarkersAreProcessedWhateverTheCommitInterval() {
        // ten minutes: without a commit at the markers, nothing of the run would be visible to read_committed
        // readers (the sink) for that long
        // (Kafka Streams wants transactions to outlive the interval; the broker allows up to 15 minutes)
        startApp(Map.of(StreamsAppConfig.COMMIT_INTERVAL_MS, Duration.ofMinutes(10).toMillis(),
                "streams.kafka.producer.transaction.timeout.ms", (int) Duration.ofMinutes(11).toMillis()));
        List<SkuPrice> run = prices("run-1", 20, 1, "0.08");
        send(run);
        sendMarkers("run-1", RunVerdict.OK, minutes(0), minutes(5));

        List<SkuPrice> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll(read);
            return read.stream().filter(p -> !p.getPriceId().startsWith("SENTINEL")).count() >= run.size();
        });
        assertThat(read).extracting(SkuPrice::getPriceId).filteredOn(id -> !id.startsWith("SENTINEL"))
                .containsExactlyInAnyOrderElementsOf(run.stream().map(SkuPrice::getPriceId).toList());
    }

    private void startApp() {
        startApp(Map.of());
    }

    private void startApp(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        settings.put(StreamsAppConfig.APPLICATION_ID, applicationId);
        settings.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
        settings.put(StreamsAppConfig.RAW_TOPICS, rawTopic);
        settings.put(StreamsAppConfig.SKU_TOPIC, skuTopic);
        settings.put(StreamsAppConfig.DLQ_TOPIC, dlqTopic);
        StreamsAppConfig config = new StreamsAppConfig(settings);
        app = new PricesStreamsApp(config, RulesFile.bundledDefaults(), TopologySerdes.of(registry), new SimpleMeterRegistry());
        app.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
    }

    private static Instant minutes(int minutes) {
        return TestPrices.at(minutes);
    }

    private static String id(int i) {
        return "S" + i + ".JRTCKXETXF.6YS6EN2CT7";
    }

    /** {@code count} EBS prices with ids S0..S(count-1), observed {@code minute} minutes after T0 (+1 ms per price). */
    private static List<SkuPrice> prices(String runId, int count, int minute, String price) {
        return IntStream.range(0, count)
                .mapToObj(i -> awsStorage(id(i), price, runId, minutes(minute).plusMillis(i)).build())
                .toList();
    }

    private static List<SkuPrice> withFirstThreeAt(String price, List<SkuPrice> prices) {
        return prices.stream()
                .map(p -> Set.of(id(0), id(1), id(2)).contains(p.getPriceId())
                        ? SkuPrice.newBuilder(p).setPrice(new BigDecimal(price)).build() : p)
                .toList();
    }

    private void send(List<SkuPrice> prices) {
        for (SkuPrice price : prices) {
            producer.send(new ProducerRecord<>(rawTopic, TestPrices.key(price), price));
        }
        producer.flush();
    }

    /** One marker per partition, then one sentinel price per partition (written after the markers). */
    private void sendMarkers(String runId, RunVerdict verdict, Instant startedAt, Instant finishedAt) {
        for (int partition = 0; partition < PARTITIONS; partition++) {
            RunMarker marker = RunMarker.newBuilder().setCsp("aws").setRunId(runId)
                    .setScope(new RunScope(List.of("AmazonEC2"), List.of())).setVerdict(verdict)
                    .setPartition(partition).setPartitionCount(PARTITIONS).setRecordsInPartition(0)
                    .setStartedAt(startedAt).setFinishedAt(finishedAt).build();
            producer.send(new ProducerRecord<>(rawTopic, partition, new PriceKey("aws", RawRecords.MARKER_PRICE_ID), marker));
        }
        for (int partition = 0; partition < PARTITIONS; partition++) {
            sentinels++;
            SkuPrice sentinel = awsStorage("SENTINEL" + sentinels + ".JRTCKXETXF.6YS6EN2CT7", "1", runId, finishedAt.plusSeconds(1))
                    .setService("AmazonS3").build(); // outside the markers' scope: never retired
            producer.send(new ProducerRecord<>(rawTopic, partition, TestPrices.key(sentinel), sentinel));
        }
        producer.flush();
    }

    /**
     * Reads prices.sku until this round's sentinels are out and then up to the end of every partition (the
     * last stable offset: the sentinels are committed, so is everything processed before them, which may sit
     * in other output partitions); returns everything else read.
     */
    private List<SkuPrice> readUntilSentinels() {
        List<SkuPrice> read = new ArrayList<>();
        int expected = sentinels;
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            poll(read);
            return read.stream().filter(p -> p.getPriceId().startsWith("SENTINEL"))
                    .map(p -> Integer.parseInt(p.getPriceId().substring("SENTINEL".length(), p.getPriceId().indexOf('.'))))
                    .filter(n -> n > expected - PARTITIONS).count() == PARTITIONS;
        });
        Map<TopicPartition, Long> end = skuConsumer.endOffsets(skuConsumer.assignment());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll(read);
            return end.entrySet().stream().allMatch(e -> skuConsumer.position(e.getKey()) >= e.getValue());
        });
        return read.stream().filter(p -> !p.getPriceId().startsWith("SENTINEL")).toList();
    }

    private void poll(List<SkuPrice> into) {
        for (ConsumerRecord<PriceKey, SkuPrice> record : skuConsumer.poll(Duration.ofMillis(200))) {
            into.add(record.value());
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readDlq() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-dlq-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlqTopic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 2;
            });
        }
        return records;
    }
}
