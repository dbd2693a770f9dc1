package io.pricestream.streams;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.schemas.Topics;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.InMemorySchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.RulesFile;

/**
 * The real topology ({@link PricesTopology#build}) in a {@link TopologyTestDriver}, with the real
 * wire-format serdes over an in-memory Schema Registry. No sockets.
 */
public final class TopologyHarness implements AutoCloseable {

    public final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    public final PricesMetrics metrics = new PricesMetrics(new SimpleMeterRegistry());
    public final StreamsAppConfig config;
    public final TopologyTestDriver driver;
    private final Serde<PriceKey> keySerde = PriceSerdes.priceKey(registry);
    private final Serde<SpecificRecord> rawSerde = PriceSerdes.rawValue(registry);
    private final Serde<SkuPrice> skuSerde = PriceSerdes.skuPrice(registry);
    private final TestOutputTopic<PriceKey, SkuPrice> sku;
    private final TestOutputTopic<byte[], byte[]> dlq;

    public TopologyHarness(Path stateDir) {
        this(stateDir, RulesFile.bundledDefaults(), Map.of());
    }

    public TopologyHarness(Path stateDir, RelevanceRules rules, Map<String, String> overrides) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, "unused:9092");
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://unused:8081");
        settings.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
        settings.putAll(overrides);
        config = new StreamsAppConfig(settings);
        Properties props = config.streamsProperties();
        // the test driver commits after every record; exactly-once is a broker feature it does not model
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(PricesTopology.build(config, rules, TopologySerdes.of(registry), metrics), props);
        sku = driver.createOutputTopic(config.skuTopic(), keySerde.deserializer(), skuSerde.deserializer());
        dlq = driver.createOutputTopic(config.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Writes {@code value} (a SkuPrice or RunMarker) under {@code key} to the raw topic of {@code key.csp}. */
    public void send(PriceKey key, SpecificRecord value) {
        raw(Topics.raw(key.getCsp())).pipeInput(key, value);
    }

    public void send(SkuPrice price) {
        send(TestPrices.key(price), price);
    }

    public TestInputTopic<PriceKey, SpecificRecord> raw(String topic) {
        return driver.createInputTopic(topic, keySerde.serializer(), rawSerde.serializer());
    }

    public TestInputTopic<byte[], byte[]> rawBytes(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The wire-format bytes of {@code key} as a producer would write them to {@code topic}. */
    public byte[] keyBytes(String topic, PriceKey key) {
        return keySerde.serializer().serialize(topic, key);
    }

    public byte[] valueBytes(String topic, SpecificRecord value) {
        return rawSerde.serializer().serialize(topic, value);
    }

    /** Everything written to prices.sku since the last call. */
    public List<SkuPrice> skuOutput() {
        return sku.readValuesToList();
    }

    public List<TestRecord<PriceKey, SkuPrice>> skuRecords() {
        return sku.readRecordsToList();
    }

    public List<TestRecord<byte[], byte[]>> dlqRecords() {
        return dlq.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
