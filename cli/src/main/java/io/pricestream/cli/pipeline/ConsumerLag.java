package io.pricestream.cli.pipeline;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * End offsets of topics and committed offsets of consumer groups, read with the admin client (no consumer
 * joins any group). Lag is counted in offsets: on topics written in transactions, commit markers take
 * offsets too, so a reader that consumed every record may still show a small lag there.
 */
public final class ConsumerLag {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public ConsumerLag(Admin admin) {
        this.admin = admin;
    }

    /** Latest (end) offset of every partition of the topics that exist; missing topics are left out. */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        List<String> existing = existing(topics);
        if (existing.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        get(admin.describeTopics(existing).allTopicNames(), "describe " + existing).forEach((name, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = get(admin.listOffsets(request).all(), "list end offsets of " + existing);
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The group's committed offsets on the given topics (partitions without a commit are absent). */
    public Map<TopicPartition, Long> committed(String group, Collection<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read committed offsets of group '" + group + "'");
        return committed.entrySet().stream()
                .filter(e -> e.getValue() != null && topics.contains(e.getKey().topic()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Sum over every partition of the topics of (end offset − committed offset, or the end offset when nothing is committed). */
    public long lag(String group, Collection<String> topics) {
        Map<TopicPartition, Long> end = endOffsets(topics);
        Map<TopicPartition, Long> committed = committed(group, topics);
        return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
    }

    private List<String> existing(Collection<String> topics) {
        var names = get(admin.listTopics().names(), "list topics");
        return topics.stream().filter(names::contains).toList();
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + TIMEOUT_SECONDS + " s: cannot " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted: cannot " + what, e);
        }
    }
}
