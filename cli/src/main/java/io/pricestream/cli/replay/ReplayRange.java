package io.pricestream.cli.replay;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.pricestream.cli.pipeline.ConsumerLag;

/**
 * The raw-topic offsets a replay covers: per partition, from the first record at or after {@code from}
 * (Kafka's time index, {@code offsetsForTimes}) to the first record after {@code to} — or to the end
 * offsets when the replay starts, if there is no {@code to}.
 */
public record ReplayRange(Map<TopicPartition, Long> start, Map<TopicPartition, Long> stop) {

    private static final long TIMEOUT_SECONDS = 30;

    public static ReplayRange of(Admin admin, Collection<String> rawTopics, Instant from, Instant to) {
        Map<TopicPartition, Long> end = new ConsumerLag(admin).endOffsets(rawTopics);
        Map<TopicPartition, Long> start = atTime(admin, end, from);
        Map<TopicPartition, Long> stop = to == null ? end : atTime(admin, end, to.plusMillis(1));
        return new ReplayRange(Map.copyOf(start), Map.copyOf(stop));
    }

    /** Records in the range, summed over partitions. */
    public long records() {
        return stop.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), e.getValue()))).sum();
    }

    /** The first offset with a timestamp at or after {@code time}; the end offset when there is none. */
    private static Map<TopicPartition, Long> atTime(Admin admin, Map<TopicPartition, Long> end, Instant time) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        end.keySet().forEach(partition -> request.put(partition, OffsetSpec.forTimestamp(time.toEpochMilli())));
        try {
            Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            end.forEach((partition, endOffset) -> {
                ListOffsetsResultInfo info = found.get(partition);
                offsets.put(partition, info == null || info.offset() < 0 ? endOffset : info.offset());
            });
            return offsets;
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot find the raw-topic offsets at " + time + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + TIMEOUT_SECONDS + " s looking up offsets at " + time, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted looking up offsets at " + time, e);
        }
    }
}
