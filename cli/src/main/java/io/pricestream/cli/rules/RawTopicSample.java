package io.pricestream.cli.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.config.KafkaClientOverrides;
import io.pricestream.streams.rules.RulesCheck;

/**
 * A bounded read of one raw topic for {@code pricestream rules check}: the last {@code maxRecords} records
 * (split over the partitions, up to the end offsets taken when the read starts), each price counted into a
 * {@link RulesCheck} of its own scrape run, so the caller can report the latest runs only.
 *
 * <p>Bounded on purpose: a raw topic holds every run of its retention. A run larger than the window is counted
 * in part, and {@link Result#truncatedRuns()} says which.
 */
final class RawTopicSample {

    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * @param checks        per run id, the rules applied to that run's prices read
     * @param lastObserved  per run id, the newest observed_at among its prices read (orders the runs)
     * @param truncatedRuns runs that had prices at the start of a partition window that did not begin at the
     *                      partition's start: older prices of those runs were not read
     * @param undecodable   records skipped because they could not be decoded
     * @param missing       true when the topic does not exist
     */
    record Result(String topic, Map<String, RulesCheck> checks, Map<String, Instant> lastObserved, Set<String> truncatedRuns,
                  long undecodable, boolean missing) {

        /** The {@code runs} run ids with the newest prices, newest first. */
        List<String> latestRuns(int runs) {
            return lastObserved.entrySet().stream().sorted(Map.Entry.<String, Instant>comparingByValue().reversed())
                    .limit(runs).map(Map.Entry::getKey).toList();
        }
    }

    private RawTopicSample() {
    }

    static Result read(String bootstrapServers, KafkaClientOverrides overrides, String topic, long maxRecords,
                       Deserializer<SpecificRecord> values, Supplier<RulesCheck> newCheck) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Only committed runs, as the streams app sees them.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pricestream-rules-check");
        overrides.applyTo(props);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return new Result(topic, Map.of(), Map.of(), Set.of(), 0, true);
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long perPartition = Math.max(1, maxRecords / partitions.size());
            Map<TopicPartition, Long> start = new HashMap<>();
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                start.put(partition, Math.max(begin.get(partition), end.get(partition) - perPartition));
                if (end.get(partition) > start.get(partition)) {
                    open.add(partition);
                }
            }
            consumer.assign(open);
            open.forEach(partition -> consumer.seek(partition, start.get(partition)));

            Map<String, RulesCheck> checks = new HashMap<>();
            Map<String, Instant> lastObserved = new HashMap<>();
            Set<String> truncated = new HashSet<>();
            Set<TopicPartition> firstSeen = new HashSet<>();
            long undecodable = 0;
            Set<TopicPartition> remaining = new HashSet<>(open);
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    SpecificRecord value;
                    try {
                        value = record.value() == null ? null : values.deserialize(record.topic(), record.headers(), record.value());
                    } catch (SerializationException e) {
                        undecodable++;
                        continue;
                    }
                    if (value instanceof SkuPrice price) {
                        String run = price.getRunId();
                        checks.computeIfAbsent(run, r -> newCheck.get()).accept(price);
                        lastObserved.merge(run, price.getObservedAt(), (a, b) -> a.isAfter(b) ? a : b);
                        // The first price of a window that starts after the partition's beginning may not be its run's first.
                        if (firstSeen.add(partition) && start.get(partition) > begin.get(partition)) {
                            truncated.add(run);
                        }
                    }
                }
                // Transaction markers occupy offsets too: done when the position reached the end taken at the start.
                remaining.removeIf(partition -> consumer.position(partition) >= end.get(partition));
            }
            return new Result(topic, checks, lastObserved, truncated, undecodable, false);
        }
    }
}
