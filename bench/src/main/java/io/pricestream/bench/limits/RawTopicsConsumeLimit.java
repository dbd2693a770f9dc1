package io.pricestream.bench.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import io.pricestream.bench.report.StageResult;

/**
 * Issue 8's replay limit as the issue defines it: the consumer throughput of the raw topics themselves. One
 * {@link KafkaConsumer} reads every raw partition from the beginning to its end offset without deserialising,
 * so it pays exactly what any reader of those bytes pays (fetching and the scrapers' zstd decompression) and
 * nothing more. Records are counted as the replay counts them: offsets, run and transaction markers included.
 */
public final class RawTopicsConsumeLimit {

    public static final String NAME = "raw-consume-limit";

    private RawTopicsConsumeLimit() {
    }

    /** Reads {@code ends} (partition → end offset) from offset 0; read_committed, as the streams app reads. */
    public static StageResult measure(String bootstrap, Map<TopicPartition, Long> ends) {
        long expected = ends.values().stream().mapToLong(Long::longValue).sum();
        Properties properties = ConsumeLimitScenario.byteConsumer(bootstrap);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        long records = 0;
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(Math.max(300, expected / 1000)).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.assign(List.copyOf(ends.keySet()));
            consumer.seekToBeginning(ends.keySet());
            Map<TopicPartition, Long> remaining = new HashMap<>(ends);
            remaining.values().removeIf(end -> end == 0);
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(NAME + " did not reach the end of " + remaining.keySet() + " before its timeout");
                }
                records += consumer.poll(Duration.ofMillis(200)).count();
                // markers have offsets but no records: done when the position passes the end offset
                remaining.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
        }
        long finished = System.nanoTime();
        return StageResult.limit(NAME, expected, Duration.ofNanos(finished - started),
                "one KafkaConsumer (assign + seekToBeginning, byte[] deserialisers, read_committed, max.poll.records 10000) reading "
                        + "every raw topic partition to its end offset, as the scrapers wrote them (zstd); " + records
                        + " records delivered; records = offsets incl. run and transaction markers, as the replay counts them; window = "
                        + "consumer creation to the last end offset reached");
    }
}
