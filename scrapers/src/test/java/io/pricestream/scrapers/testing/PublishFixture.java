package io.pricestream.scrapers.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.scrapers.config.ScraperConfig;

/** What the publishing ITs share: a run's own raw and runs topics, and reading a topic back completely. */
public final class PublishFixture {

    private PublishFixture() {
    }

    /**
     * A config publishing {@code csp} from {@code endpoint} into topics of its own, created here: the raw topic
     * with {@code partitions} partitions and a one-partition runs topic. {@code extra} keys win.
     */
    public static ScraperConfig config(PipelineEnvironment stack, String name, String csp, String endpoint, int partitions,
            Map<String, Object> extra) throws Exception {
        String prefix = SharedLocalStack.uniqueName(name) + ".raw.";
        String runs = SharedLocalStack.uniqueName(name) + ".runs";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + csp, partitions, (short) 1), new NewTopic(runs, 1, (short) 1)))
                    .all().get();
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ScraperConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(ScraperConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        props.put(ScraperConfig.TOPIC_RAW_PREFIX, prefix);
        props.put(ScraperConfig.TOPIC_RUNS, runs);
        props.put(ScraperConfig.endpointKey(csp), endpoint);
        props.putAll(extra);
        return new ScraperConfig(props);
    }

    /** Every record of {@code topic} up to the end offsets taken when reading starts. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(PipelineEnvironment stack, String topic, Deserializer<K> keys,
            Deserializer<V> values) {
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
