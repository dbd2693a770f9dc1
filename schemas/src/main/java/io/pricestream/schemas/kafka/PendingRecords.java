package io.pricestream.schemas.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.pricestream.schemas.config.KafkaClientOverrides;

/**
 * Counts the committed records a reader has not consumed yet: the records between its next offsets and
 * the end of each partition, read with {@code read_committed}. Unlike an offset difference this is zero
 * when only transaction markers (or aborted records) follow, which is how a caught-up reader of a
 * transactional topic such as {@code prices.sku} looks.
 */
public final class PendingRecords {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final KafkaClientOverrides overrides;

    /** @param overrides Kafka client settings (TLS, SASL, ...) for the consumer */
    public PendingRecords(String bootstrapServers, KafkaClientOverrides overrides) {
        this.bootstrapServers = bootstrapServers;
        this.overrides = overrides;
    }

    /**
     * True when at least one committed record follows {@code next} before {@code end} in some partition.
     *
     * @param next the reader's next offset per partition (a partition absent here is read from its beginning)
     * @param end  the end offsets to check up to
     */
    public boolean any(Map<TopicPartition, Long> next, Map<TopicPartition, Long> end) {
        List<TopicPartition> behind = new ArrayList<>();
        end.forEach((partition, endOffset) -> {
            if (next.getOrDefault(partition, 0L) < endOffset) {
                behind.add(partition);
            }
        });
        if (behind.isEmpty()) {
            return false;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.applyTo(props);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(behind);
            behind.forEach(partition -> consumer.seek(partition, next.getOrDefault(partition, 0L)));
            // With read_committed, endOffsets is the last stable offset: an open transaction's records are not pending yet.
            Map<TopicPartition, Long> stable = consumer.endOffsets(behind);
            while (behind.stream().anyMatch(p -> consumer.position(p) < Math.min(end.get(p), stable.get(p)))) {
                if (!consumer.poll(POLL).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
