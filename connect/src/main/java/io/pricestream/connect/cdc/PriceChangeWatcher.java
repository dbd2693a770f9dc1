package io.pricestream.connect.cdc;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;

import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.config.KafkaClientOverrides;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.schemas.serde.PriceSerdes;

/**
 * Follows {@code prices.changes} and hands one formatted line per matching event to a line sink: the engine of
 * {@code pricestream watch}. It reads every partition without a consumer group (it commits nothing and
 * disturbs no real consumer), from the end or from the beginning.
 */
public final class PriceChangeWatcher {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Options options;

    public PriceChangeWatcher(Options options) {
        this.options = options;
    }

    /**
     * Prints matching events to {@code lines} until {@code stop} returns true (checked at least every 200 ms).
     * A record that cannot be decoded is reported as a line starting with {@code !} and skipped.
     */
    public void run(Consumer<String> lines, BooleanSupplier stop) {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(options.schemaRegistry());
        try (KafkaConsumer<PriceKey, PriceChanged> consumer = new KafkaConsumer<>(consumerProps(),
                PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.priceChanged(registry).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(options.topic(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(options.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Topic '" + options.topic() + "' does not exist on Kafka at "
                        + options.bootstrapServers() + ": is the CDC publisher running?");
            }
            consumer.assign(partitions);
            if (options.fromBeginning()) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (!stop.getAsBoolean()) {
                try {
                    for (ConsumerRecord<PriceKey, PriceChanged> record : consumer.poll(POLL)) {
                        if (options.filter().test(record.value())) {
                            lines.accept(PriceChangeFormatter.format(record.value()));
                        }
                    }
                } catch (RecordDeserializationException e) {
                    lines.accept("! skipped undecodable record at " + e.topicPartition() + " offset " + e.offset()
                            + ": " + e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
    }

    Map<String, Object> consumerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Watching must not create the topic by asking for it.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pricestream-watch");
        return options.kafkaOverrides().applyTo(props);
    }

    /**
     * What to watch: where the events are and which to show.
     *
     * @param fromBeginning replay the topic's retained events first instead of only new ones
     */
    public record Options(String bootstrapServers, SchemaRegistryConfig schemaRegistry, KafkaClientOverrides kafkaOverrides,
                          String topic, WatchFilter filter, boolean fromBeginning) {

        /** Against an unsecured cluster and registry: no client overrides, no registry credentials. */
        public Options(String bootstrapServers, String schemaRegistryUrl, String topic, WatchFilter filter, boolean fromBeginning) {
            this(bootstrapServers, new SchemaRegistryConfig(Map.of(SchemaRegistryConfig.URL, schemaRegistryUrl)),
                    KafkaClientOverrides.NONE, topic, filter, fromBeginning);
        }
    }
}
