package io.pricestream.scrapers.publish;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.RunSink;
import io.pricestream.scrapers.core.ScrapeException;

/**
 * Publishes one run of one CSP: every price to {@code prices.raw.<csp>} keyed {@code PriceKey(csp, price_id)}, then —
 * after a flush — one {@link RunMarker} to every partition of that topic (explicit partition, with the number of the
 * run's prices that partition received), then the {@link ScrapeRun} to {@code prices.runs} keyed by csp.
 *
 * <p>Producer: idempotent, {@code acks=all}, compressed. The partition count is read when the publisher opens, so an
 * unreachable broker or a missing topic fails the run before anything is downloaded. Any failed send fails the run;
 * every error names the bootstrap servers.
 */
public final class PricePublisher implements RunSink {

    private static final Logger LOG = LoggerFactory.getLogger(PricePublisher.class);

    private final String csp;
    private final String rawTopic;
    private final String runsTopic;
    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<PriceKey> keys;
    private final Serializer<SpecificRecord> values;
    private final Serializer<ScrapeRun> runs;
    private final int partitions;
    private final AtomicLongArray perPartition;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Instant openedAt = Instant.now();

    /** Opens a publisher for {@code csp}: connects, reads the raw topic's partition count. */
    public static PricePublisher open(ScraperConfig config, String csp, SchemaRegistryClient registry) throws ScrapeException {
        String servers = config.bootstrapServers().orElseThrow(() ->
                new ScrapeException(ScraperConfig.BOOTSTRAP_SERVERS + " is not set: cannot publish (use a dry run to write a file instead)"));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "pricestream-scraper-" + csp);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.getString(ScraperConfig.PRODUCER_COMPRESSION));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.getLong(ScraperConfig.PRODUCER_MAX_BLOCK_MS));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, config.getInt(ScraperConfig.PRODUCER_DELIVERY_TIMEOUT_MS));
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, config.getInt(ScraperConfig.PRODUCER_DELIVERY_TIMEOUT_MS) / 2));
        config.kafkaOverrides().applyTo(props);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        String rawTopic = config.rawTopic(csp);
        try {
            List<PartitionInfo> info = producer.partitionsFor(rawTopic);
            if (info == null || info.isEmpty()) {
                throw new ScrapeException("Topic '" + rawTopic + "' has no partitions at Kafka " + servers);
            }
            return new PricePublisher(csp, rawTopic, config.runsTopic(), servers, producer, registry, info.size());
        } catch (ScrapeException e) {
            producer.close();
            throw e;
        } catch (AuthenticationException e) {
            producer.close(java.time.Duration.ZERO);
            throw new ScrapeException("Cannot publish to Kafka at " + servers + ": it refused the credentials (check the kafka.* / "
                    + "scrapers.kafka.* security settings): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            producer.close(java.time.Duration.ZERO);
            throw new ScrapeException("Cannot publish to Kafka at " + servers + ": topic '" + rawTopic + "' unavailable ("
                    + e.getMessage() + ")", e);
        }
    }

    private PricePublisher(String csp, String rawTopic, String runsTopic, String servers, KafkaProducer<byte[], byte[]> producer,
                           SchemaRegistryClient registry, int partitions) {
        this.csp = csp;
        this.rawTopic = rawTopic;
        this.runsTopic = runsTopic;
        this.bootstrapServers = servers;
        this.producer = producer;
        this.keys = PriceSerdes.priceKey(registry).serializer();
        this.values = PriceSerdes.rawValue(registry).serializer();
        this.runs = PriceSerdes.scrapeRun(registry).serializer();
        this.partitions = partitions;
        this.perPartition = new AtomicLongArray(partitions);
    }

    public int partitions() {
        return partitions;
    }

    public String rawTopic() {
        return rawTopic;
    }

    @Override
    public void accept(SkuPrice price) {
        throwIfFailed();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(rawTopic,
                keys.serialize(rawTopic, new PriceKey(csp, price.getPriceId())), values.serialize(rawTopic, price));
        send(record, true);
    }

    @Override
    public void complete(ScrapeRun run) throws ScrapeException {
        try {
            flushAndCheck("the run's prices");
            long finished = run.getFinishedAt().toEpochMilli();
            for (int partition = 0; partition < partitions; partition++) {
                RunMarker marker = RunMarker.newBuilder()
                        .setCsp(csp)
                        .setRunId(run.getRunId())
                        .setScope(run.getScope())
                        .setVerdict(run.getVerdict())
                        .setPartition(partition)
                        .setPartitionCount(partitions)
                        .setRecordsInPartition(perPartition.get(partition))
                        .setStartedAt(run.getStartedAt())
                        .setFinishedAt(Instant.ofEpochMilli(finished))
                        .build();
                send(new ProducerRecord<>(rawTopic, partition, null,
                        keys.serialize(rawTopic, new PriceKey(csp, RawRecords.MARKER_PRICE_ID)), values.serialize(rawTopic, marker)), false);
            }
            flushAndCheck("the run markers");
            send(new ProducerRecord<>(runsTopic, new StringSerializer().serialize(runsTopic, csp), runs.serialize(runsTopic, run)), false);
            flushAndCheck("the ScrapeRun");
            LOG.info("Run '{}' complete on '{}': {} markers, ScrapeRun on '{}'", run.getRunId(), rawTopic, partitions, runsTopic);
        } catch (PublishException e) {
            throw new ScrapeException(e.getMessage(), e.getCause());
        }
    }

    /** Records of this run per partition, as acknowledged by the broker. */
    public long[] recordsPerPartition() {
        long[] counts = new long[partitions];
        for (int i = 0; i < partitions; i++) {
            counts[i] = perPartition.get(i);
        }
        return counts;
    }

    private void send(ProducerRecord<byte[], byte[]> record, boolean countIt) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    sendFailure.compareAndSet(null, error);
                } else if (countIt) {
                    perPartition.incrementAndGet(metadata.partition());
                }
            });
        } catch (RuntimeException e) {
            throw new PublishException("Cannot publish to Kafka at " + bootstrapServers + " (topic '" + record.topic() + "'): "
                    + e.getMessage(), e);
        }
    }

    private void flushAndCheck(String what) {
        try {
            producer.flush();
        } catch (RuntimeException e) {
            throw new PublishException("Flushing " + what + " to Kafka at " + bootstrapServers + " failed: " + e.getMessage(), e);
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new PublishException("Publishing to Kafka at " + bootstrapServers + " (topic '" + rawTopic + "') failed: "
                    + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }

}
