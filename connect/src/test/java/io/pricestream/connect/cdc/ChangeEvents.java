package io.pricestream.connect.cdc;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/** Reads a change-events topic from the beginning with the project's serdes, as a downstream consumer would. */
final class ChangeEvents implements AutoCloseable {

    private final KafkaConsumer<PriceKey, PriceChanged> consumer;
    private final List<ConsumerRecord<PriceKey, PriceChanged>> seen = new ArrayList<>();

    ChangeEvents(String bootstrapServers, String registryUrl, String topic) {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(registryUrl);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.priceChanged(registry).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Polls until an event matching {@code last} has been read, then on to the end of every partition: the
     * publisher acknowledges each batch before the next, so everything published before {@code last} is then read.
     */
    List<ConsumerRecord<PriceKey, PriceChanged>> readThrough(Predicate<PriceChanged> last, Duration timeout) {
        await().atMost(timeout).pollDelay(Duration.ZERO).until(() -> {
            poll();
            return seen.stream().anyMatch(record -> last.test(record.value()));
        });
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        await().atMost(timeout).pollDelay(Duration.ZERO).until(() -> {
            poll();
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
        return List.copyOf(seen);
    }

    /** Polls until an event matching {@code wanted} has been read since this reader was opened; returns it. */
    ConsumerRecord<PriceKey, PriceChanged> awaitEvent(Predicate<PriceChanged> wanted, Duration timeout) {
        await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
            poll();
            return seen.stream().anyMatch(record -> wanted.test(record.value()));
        });
        return seen.stream().filter(record -> wanted.test(record.value())).findFirst().orElseThrow();
    }

    /** Polls until at least {@code count} events have been read since this reader was opened. */
    void awaitCount(int count, Duration timeout) {
        await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
            poll();
            return seen.size() >= count;
        });
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(20)).forEach(seen::add);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
