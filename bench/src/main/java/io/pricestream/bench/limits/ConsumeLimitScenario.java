package io.pricestream.bench.limits;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.pricestream.bench.BenchContext;
import io.pricestream.bench.Scenario;
import io.pricestream.bench.kafka.TopicFiller;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.report.StageResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Issue 8 consume (replay) limit: one {@link KafkaConsumer} reading a pre-filled topic of N price records from
 * the beginning without deserialising them; the window ends when it has read every record.
 */
public final class ConsumeLimitScenario implements Scenario {

    public static final String NAME = "consume-limit";
    static final String TOPIC = "bench.consume.limit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context, RunReport.Builder report) {
        long n = context.options().scale();
        AvroRecordPool pool = new AvroRecordPool(context.stack().schemaRegistryUrl(), TOPIC, 10_000, context.options().seed());
        TopicFiller topics = new TopicFiller(context.stack().bootstrapServers());
        topics.create(TOPIC, context.options().partitions());
        topics.fill(TOPIC, n, pool::get);
        Map<TopicPartition, Long> ends = topics.endOffsets(TOPIC);
        long expected = ends.values().stream().mapToLong(Long::longValue).sum();
        Properties properties = byteConsumer(context.stack().bootstrapServers());
        long read = 0;
        long bytes = 0;
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(Math.max(300, n / 1000)).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.assign(List.copyOf(ends.keySet()));
            consumer.seekToBeginning(ends.keySet());
            while (read < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consume-limit read only " + read + " of " + expected + " records before its timeout");
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                }
            }
        }
        long finished = System.nanoTime();
        report.stage(StageResult.limit(NAME, read, Duration.ofNanos(finished - started),
                "one KafkaConsumer (assign + seekToBeginning, byte[] deserialisers, max.poll.records 10000) reading a pre-filled "
                        + "topic of N Avro price records (~" + (read == 0 ? 0 : bytes / read) + " bytes key+value, lz4); window = "
                        + "consumer creation to last record"));
    }

    /** A consumer limit's consumer: bytes in, nothing deserialised, up to 10,000 records per poll. */
    static Properties byteConsumer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        return properties;
    }
}
