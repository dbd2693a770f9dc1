package io.pricestream.cli.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.schemas.config.KafkaClientOverrides;

/**
 * How far the CDC publisher has published, as the id of the last PostgreSQL transaction it has fully handed to
 * Kafka: Debezium stores its source offset ({@code txId}, {@code lsn}, ...) in the offset topic only after the
 * batch's events were acknowledged (connect/README.md), keyed by its engine name {@code pricestream-cdc-<slot>}.
 *
 * <p>Comparing transaction ids rather than the slot's {@code confirmed_flush_lsn} with the current WAL position:
 * the slot confirms the start of the last commit record, so on a quiet database it stays just short of the WAL end.
 */
public final class CdcProgress {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final String offsetTopic;
    private final String engineName;
    private final KafkaClientOverrides overrides;

    /** @param overrides Kafka client settings (TLS, SASL, ...) for the consumer */
    public CdcProgress(String bootstrapServers, KafkaClientOverrides overrides, String offsetTopic, String slotName) {
        this.bootstrapServers = bootstrapServers;
        this.overrides = overrides;
        this.offsetTopic = offsetTopic;
        this.engineName = "pricestream-cdc-" + slotName;
    }

    /** The transaction id of the last offset the publisher stored; empty before its first stored offset. */
    public OptionalLong lastPublishedTransaction(Map<TopicPartition, Long> end) {
        if (end.values().stream().allMatch(offset -> offset == 0)) {
            return OptionalLong.empty();
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.applyTo(props);
        String last = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(end.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.key() != null && record.key().contains("\"" + engineName + "\"") && record.value() != null) {
                        last = record.value();
                    }
                }
            }
        }
        if (last == null) {
            return OptionalLong.empty();
        }
        try {
            JsonNode txId = JSON.readTree(last).get("txId");
            return txId == null || !txId.canConvertToLong() ? OptionalLong.empty() : OptionalLong.of(txId.asLong());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the CDC offset of '" + engineName + "' on topic '" + offsetTopic + "': " + e.getMessage(), e);
        }
    }

    public String offsetTopic() {
        return offsetTopic;
    }
}
