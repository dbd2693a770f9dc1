package io.pricestream.cli.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.config.KafkaClientOverrides;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.schemas.serde.PriceSerdes;

/**
 * Reads the price-change events published in an offset range of {@code prices.changes}. Repeats after a
 * CDC restart (same key and {@code source_lsn}) are counted once, as the CDC README tells consumers to.
 */
public final class ChangeEvents {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;
    private final KafkaClientOverrides overrides;

    /** Against an unsecured cluster and registry: no Kafka client overrides, no registry credentials. */
    public ChangeEvents(String bootstrapServers, String schemaRegistryUrl) {
        this(bootstrapServers, new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, schemaRegistryUrl)), KafkaClientOverrides.NONE);
    }

    /** @param overrides Kafka client settings (TLS, SASL, ...) for the consumer */
    public ChangeEvents(String bootstrapServers, SchemaRegistryConfig registry, KafkaClientOverrides overrides) {
        this.bootstrapServers = bootstrapServers;
        this.registry = new RestSchemaRegistryClient(registry);
        this.overrides = overrides;
    }

    /** The distinct events between {@code from} (absent partition = its beginning) and {@code to}. */
    public List<PriceChanged> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<TopicPartition> partitions = to.keySet().stream().filter(p -> from.getOrDefault(p, 0L) < to.get(p)).toList();
        if (partitions.isEmpty()) {
            return List.of();
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        overrides.applyTo(props);
        Set<String> seen = new HashSet<>();
        List<PriceChanged> events = new java.util.ArrayList<>();
        try (KafkaConsumer<PriceKey, PriceChanged> consumer = new KafkaConsumer<>(props, PriceSerdes.priceKey(registry).deserializer(),
                PriceSerdes.priceChanged(registry).deserializer())) {
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < Math.min(to.get(p), stable.get(p)))) {
                for (ConsumerRecord<PriceKey, PriceChanged> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition) && record.value() != null
                            && seen.add(record.key().getCsp() + "\u0000" + record.key().getPriceId() + "\u0000" + record.value().getSourceLsn())) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }

    /** Events per CSP in the range. */
    public Map<String, Long> countByCsp(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Map<String, Long> counts = new HashMap<>();
        read(from, to).forEach(event -> counts.merge(event.getCsp(), 1L, Long::sum));
        return counts;
    }
}
