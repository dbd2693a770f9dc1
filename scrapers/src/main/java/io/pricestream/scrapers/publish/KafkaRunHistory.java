package io.pricestream.scrapers.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.config.KafkaClientOverrides;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.ScrapeException;

/**
 * Reads {@code prices.runs} from the beginning to its current end (no consumer group, nothing committed) and returns
 * the last OK run of a CSP. The topic is one small record per run, so a full read is cheap.
 */
public final class KafkaRunHistory implements RunHistory {

    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;
    private final SchemaRegistryClient registry;
    private final KafkaClientOverrides overrides;

    public KafkaRunHistory(ScraperConfig config, SchemaRegistryClient registry) throws ScrapeException {
        this.bootstrapServers = config.bootstrapServers().orElseThrow(() ->
                new ScrapeException(ScraperConfig.BOOTSTRAP_SERVERS + " is not set: cannot read " + config.runsTopic()));
        this.topic = config.runsTopic();
        this.timeout = config.duration(ScraperConfig.RUNS_READ_TIMEOUT_MS);
        this.registry = registry;
        this.overrides = config.kafkaOverrides();
    }

    @Override
    public Optional<ScrapeRun> lastOk(String csp) throws ScrapeException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "pricestream-runs-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        overrides.applyTo(props);
        Deserializer<ScrapeRun> runs = PriceSerdes.scrapeRun(registry).deserializer();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> info = consumer.partitionsFor(topic, timeout);
            if (info == null || info.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> partitions = info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            ScrapeRun last = null;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ScrapeException("Reading '" + topic + "' at Kafka " + bootstrapServers + " did not finish within " + timeout.toMillis() + " ms");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ScrapeRun run = runs.deserialize(topic, record.value());
                    if (run != null && run.getCsp().equals(csp) && run.getVerdict() == RunVerdict.OK
                            && (last == null || !run.getFinishedAt().isBefore(last.getFinishedAt()))) {
                        last = run;
                    }
                }
            }
            return Optional.ofNullable(last);
        } catch (ScrapeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScrapeException("Cannot read '" + topic + "' at Kafka " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
