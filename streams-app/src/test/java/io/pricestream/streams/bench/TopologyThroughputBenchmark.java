package io.pricestream.streams.bench;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

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

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.streams.PricesStreamsApp;
import io.pricestream.streams.StreamsAppConfig;
import io.pricestream.streams.TestPrices;
import io.pricestream.streams.TopologySerdes;
import io.pricestream.streams.rules.RulesFile;

/**
 * Records/s of the whole topology (decode, validate, filter, change detection with RocksDB + changelog,
 * exactly-once v2) on the embedded local stack. Two passes over N raw records: pass 1 = every price new
 * (all emitted), pass 2 = the same content in a new run (all suppressed: the daily steady state). Timed
 * from the first send until the sentinels written after the run appear in prices.sku (read_committed):
 * producing overlaps processing, and commit latency is included. A plain main, not a test; it starts the
 * whole local stack (broker, registry, PostgreSQL) in this JVM.
 */
public final class TopologyThroughputBenchmark {

    private static final int PARTITIONS = 3;

    private TopologyThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String commitIntervalMs = args.length > 1 ? args[1] : "500";
        PipelineEnvironment stack = ItEnvironment.get();
        SchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        String base = SharedLocalStack.uniqueName("streams_bench");
        String raw = base + ".raw.aws";
        String sku = base + ".sku";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(raw, PARTITIONS, (short) 1),
                    new NewTopic(sku, PARTITIONS, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(base + ".dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        settings.put(StreamsAppConfig.APPLICATION_ID, base + "-app");
        settings.put(StreamsAppConfig.STATE_DIR, Files.createTempDirectory("streams-bench-").toString());
        settings.put(StreamsAppConfig.RAW_TOPICS, raw);
        settings.put(StreamsAppConfig.SKU_TOPIC, sku);
        settings.put(StreamsAppConfig.DLQ_TOPIC, base + ".dlq");
        settings.put(StreamsAppConfig.COMMIT_INTERVAL_MS, commitIntervalMs);
        try (KafkaProducer<PriceKey, SpecificRecord> producer = new KafkaProducer<>(producerProps,
                PriceSerdes.priceKey(registry).serializer(), PriceSerdes.rawValue(registry).serializer());
             KafkaConsumer<PriceKey, SkuPrice> consumer = consumer(stack, registry, base, sku);
             PricesStreamsApp app = new PricesStreamsApp(new StreamsAppConfig(settings), RulesFile.bundledDefaults(),
                     TopologySerdes.of(registry), new SimpleMeterRegistry())) {
            app.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            for (int pass = 1; pass <= 2; pass++) {
                String run = "run-" + pass;
                long produceStart = System.nanoTime();
                for (int i = 0; i < records; i++) {
                    SkuPrice price = TestPrices.awsStorage("B" + i + ".JRTCKXETXF.6YS6EN2CT7", "0.08", run, TestPrices.at(pass * 60).plusMillis(i))
                            .setPrice(new BigDecimal("0.08")).build();
                    producer.send(new ProducerRecord<>(raw, TestPrices.key(price), price));
                }
                for (int p = 0; p < PARTITIONS; p++) {
                    RunMarker marker = RunMarker.newBuilder().setCsp("aws").setRunId(run).setScope(new RunScope(List.of(), List.of()))
                            .setVerdict(RunVerdict.OK).setPartition(p).setPartitionCount(PARTITIONS).setRecordsInPartition(0)
                            .setStartedAt(TestPrices.at(pass * 60 - 1)).setFinishedAt(TestPrices.at(pass * 60 + 50)).build();
                    producer.send(new ProducerRecord<>(raw, p, new PriceKey("aws", RawRecords.MARKER_PRICE_ID), marker));
                    SkuPrice sentinel = TestPrices.awsStorage("SENTINEL" + pass + "-" + p + ".X.Y", "1", run, TestPrices.at(pass * 60 + 51))
                            .setService("AmazonS3").build();
                    producer.send(new ProducerRecord<>(raw, p, TestPrices.key(sentinel), sentinel));
                }
                producer.flush();
                double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
                long cpuStart = processCpuNanos();
                long emitted = 0;
                int sentinels = 0;
                while (sentinels < PARTITIONS) {
                    for (ConsumerRecord<PriceKey, SkuPrice> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.key().getPriceId().startsWith("SENTINEL" + pass)) {
                            sentinels++;
                        } else {
                            emitted++;
                        }
                    }
                }
                // the sentinels are committed, so is everything before them; read the rest up to the end
                Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
                while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                    emitted += consumer.poll(Duration.ofMillis(100)).count();
                }
                double seconds = (System.nanoTime() - produceStart) / 1e9;
                System.out.printf("commit interval " + commitIntervalMs + " ms, pass %d: %,d raw records produced in %.1f s; all processed and committed %.1f s after the first send"
                                + " = %,.0f records/s end-to-end; %,d records emitted; process CPU during the wait %.1f s%n",
                        pass, records, produceSeconds, seconds, records / seconds, emitted, (processCpuNanos() - cpuStart) / 1e9);
            }
        }
        System.exit(0);
    }

    private static KafkaConsumer<PriceKey, SkuPrice> consumer(PipelineEnvironment stack, SchemaRegistryClient registry, String base, String sku) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, base + "-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<PriceKey, SkuPrice> consumer = new KafkaConsumer<>(props, PriceSerdes.priceKey(registry).deserializer(),
                PriceSerdes.skuPrice(registry).deserializer());
        consumer.subscribe(List.of(sku));
        return consumer;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
