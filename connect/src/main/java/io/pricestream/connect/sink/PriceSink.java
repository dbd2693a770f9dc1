package io.pricestream.connect.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.schemas.serde.WireFormatException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The JDBC sink: consumes {@code prices.sku} as a consumer group and writes the price schema
 * exactly once.
 *
 * <p>Records are gathered into a {@link SinkBatch} until it holds {@code sink.batch.max.records} records
 * or {@code sink.batch.max.wait.ms} passed since its first one, then written by {@link PriceBatchApplier}
 * in one transaction together with the next offsets. On partition assignment the consumer seeks to the
 * offsets stored in the database, so after a crash or rebalance each record is applied exactly once;
 * Kafka's committed offsets are only updated afterwards, for lag monitoring.
 *
 * <p>Undecodable records and prices the schema cannot hold go to the DLQ with error headers and are
 * counted; transient database failures are retried with exponential backoff; a batch the database
 * refuses for another reason is written one price at a time so only the bad one goes to the DLQ.
 */
public final class PriceSink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PriceSink.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);

    private final SinkConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<PriceKey> keys;
    private final Deserializer<SkuPrice> values;
    private final DeadLetterPublisher deadLetters;
    private final AutoCloseable dlqProducer;
    private final SinkDatabase database;
    private final SinkOffsetStore offsets;
    private final PriceBatchApplier applier;
    private final SinkMetrics metrics;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Offsets stored in the database for the assigned partitions, as last read or written by this instance; absent = none stored. */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final Map<PriceRef, ConsumerRecord<byte[], byte[]>> sources = new HashMap<>();
    private SinkBatch batch = new SinkBatch();
    private int pending;
    private long batchStartedNanos;

    PriceSink(SinkConfig config, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> dlqProducer,
              Deserializer<PriceKey> keys, Deserializer<SkuPrice> values, MeterRegistry registry) {
        this.config = config;
        this.consumer = consumer;
        this.keys = keys;
        this.values = values;
        this.dlqProducer = dlqProducer;
        this.deadLetters = new DeadLetterPublisher(dlqProducer, config.dlqTopic());
        this.database = new SinkDatabase(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        this.offsets = new SinkOffsetStore(config.groupId());
        this.applier = new PriceBatchApplier(offsets);
        this.metrics = new SinkMetrics(registry);
    }

    /** A sink wired to the brokers, registry and database of {@code config}. Nothing connects before {@link #run()}. */
    public static PriceSink create(SinkConfig config, MeterRegistry registry) {
        SchemaRegistryClient registryClient = new RestSchemaRegistryClient(config.schemaRegistry());
        return new PriceSink(config, new KafkaConsumer<>(consumerProperties(config)),
                new KafkaProducer<>(producerProperties(config)),
                PriceSerdes.priceKey(registryClient).deserializer(),
                PriceSerdes.skuPrice(registryClient).deserializer(), registry);
    }

    static Properties consumerProperties(SinkConfig config) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // the database holds the offsets; Kafka's are only a copy for lag monitoring
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(config.sessionTimeoutMs()));
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(config.batchMaxRecords(), 10_000)));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config.kafkaOverrides().applyTo(properties);
    }

    static Properties producerProperties(SinkConfig config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config.kafkaOverrides().applyTo(properties);
    }

    /**
     * Checks the price schema, then consumes and writes until {@link #stop()}; the batch in hand is written
     * before returning.
     *
     * @throws io.pricestream.connect.schema.PriceSchemaException if the database is unreachable or its schema does not match the migrations
     * @throws SinkWriteException if the database stays unreachable through every retry of a batch
     */
    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("A PriceSink runs once; create a new one to run again");
        }
        MDC.put("component", "sink");
        LOG.info("Sink of group '{}' reading '{}' into '{}' (batches of up to {} records / {} ms)", config.groupId(),
                config.topic(), database.describe(), config.batchMaxRecords(), config.batchMaxWait().toMillis());
        try {
            // refuse to write into a schema the migrations do not describe: fail at start, not mid-batch
            new PriceSchemaMigrator(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword()).validate();
            consumer.subscribe(List.of(config.topic()), new StoredOffsetSeeker());
            while (!stopping.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    accept(record);
                }
                if (pending > 0 && (pending >= config.batchMaxRecords() || waitedEnough())) {
                    flush();
                }
            }
        } catch (WakeupException e) {
            if (!stopping.get()) {
                throw e;
            }
        } finally {
            try {
                flush();
            } finally {
                closeResources();
                MDC.remove("component");
                finished.countDown();
            }
        }
    }

    /** Asks {@link #run()} to write its batch and return; safe from any thread. */
    public void stop() {
        stopping.set(true);
        consumer.wakeup();
    }

    /** Stops the sink and waits (up to 30 s) until {@link #run()} has written its batch and released its connections. */
    @Override
    public void close() {
        stop();
        if (started.compareAndSet(false, true)) {
            closeResources();
            return;
        }
        try {
            if (!finished.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Sink did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The consumer is not thread-safe: only the thread that ran the loop (or close, if it never ran) closes it. */
    private void closeResources() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the consumer failed: {}", e.getMessage());
        }
        try {
            dlqProducer.close();
        } catch (Exception e) {
            LOG.warn("Closing the DLQ producer failed: {}", e.getMessage());
        }
        database.close();
    }

    private Duration pollTimeout() {
        if (pending == 0) {
            return IDLE_POLL;
        }
        long left = config.batchMaxWait().toNanos() - (System.nanoTime() - batchStartedNanos);
        return Duration.ofNanos(Math.max(0, left));
    }

    private boolean waitedEnough() {
        return System.nanoTime() - batchStartedNanos >= config.batchMaxWait().toNanos();
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (pending++ == 0) {
            batchStartedNanos = System.nanoTime();
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.value() == null) {
            // a delete marker on the compacted topic: prices retire through status, never by deletion
            metrics.tombstone();
            batch.advance(partition, record.offset());
            return;
        }
        SkuPrice price;
        try {
            PriceKey key = keys.deserialize(record.topic(), record.headers(), record.key());
            price = values.deserialize(record.topic(), record.headers(), record.value());
            if (key == null || !key.getCsp().equals(price.getCsp()) || !key.getPriceId().equals(price.getPriceId())) {
                reject(record, partition, "invalid", "key " + (key == null ? "null" : "'" + key.getCsp() + "/" + key.getPriceId() + "'")
                        + " does not match value '" + PriceRef.of(price) + "'");
                return;
            }
        } catch (WireFormatException e) {
            reject(record, partition, "undecodable", e.getMessage());
            return;
        }
        Optional<String> problem = PriceCheck.problem(price);
        if (problem.isPresent()) {
            reject(record, partition, "invalid", problem.get());
            return;
        }
        if (batch.add(partition, record.offset(), price)) {
            sources.put(PriceRef.of(price), record);
        }
    }

    private void reject(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, String errorClass, String reason) {
        deadLetters.publish(record, errorClass, "'" + record.topic() + "'-" + record.partition() + "@" + record.offset() + ": " + reason);
        metrics.deadLettered(errorClass);
        batch.advance(partition, record.offset());
    }

    /** Writes the batch in hand with its offsets, then starts a new one. */
    private void flush() {
        if (batch.isEmpty()) {
            resetBatch();
            return;
        }
        SinkBatch writing = batch;
        try {
            ApplyResult result = write(writing, expectedOffsets(writing));
            metrics.applied(result, writing.superseded());
            LOG.debug("Wrote batch of {} records: {}", writing.records(), result.counts());
            committed(writing);
        } catch (OffsetFencedException e) {
            fenced(e);
        } catch (SQLException e) {
            isolate(writing, e);
        } finally {
            resetBatch();
        }
    }

    private void resetBatch() {
        batch = new SinkBatch();
        sources.clear();
        pending = 0;
    }

    /**
     * The database refused the batch for a reason a retry will not fix. Each price is tried alone and rolled
     * back to find the refused ones; those go to the DLQ first (so a crash after the commit cannot lose them);
     * then the rest is written with the batch's offsets in one transaction, as every batch is.
     */
    private void isolate(SinkBatch refused, SQLException cause) {
        LOG.warn("Database refused a batch of {} prices ({}: {}); trying them one at a time to find the bad ones",
                refused.prices().size(), cause.getSQLState(), cause.getMessage());
        List<SkuPrice> accepted = new ArrayList<>();
        for (SkuPrice price : refused.prices()) {
            try {
                withRetries("try price '" + PriceRef.of(price) + "' alone", () -> {
                    applier.probe(database.connection(), price);
                    return null;
                });
                accepted.add(price);
            } catch (SQLException e) {
                ConsumerRecord<byte[], byte[]> source = sources.get(PriceRef.of(price));
                deadLetters.publish(source, "database", "'" + source.topic() + "'-" + source.partition() + "@" + source.offset()
                        + ": price '" + PriceRef.of(price) + "' refused by the database: " + e.getMessage());
                metrics.deadLettered("database");
            }
        }
        SinkBatch rest = SinkBatch.of(accepted, refused.nextOffsets());
        try {
            metrics.applied(write(rest, expectedOffsets(rest)), refused.superseded());
            committed(rest);
        } catch (OffsetFencedException e) {
            fenced(e);
        } catch (SQLException e) {
            throw new SinkWriteException("Cannot write the " + accepted.size() + " prices the database accepted one by one, with "
                    + "their offsets, to " + database.describe() + ": " + e.getMessage() + "; nothing of the batch was stored, "
                    + "it is read again on restart", e);
        }
    }

    private Map<TopicPartition, Long> expectedOffsets(SinkBatch writing) {
        Map<TopicPartition, Long> expected = new HashMap<>();
        writing.nextOffsets().keySet().forEach(partition -> {
            Long value = stored.get(partition);
            if (value != null) {
                expected.put(partition, value);
            }
        });
        return expected;
    }

    private void committed(SinkBatch written) {
        stored.putAll(written.nextOffsets());
        Map<TopicPartition, OffsetAndMetadata> copy = new HashMap<>();
        written.nextOffsets().forEach((partition, next) -> copy.put(partition, new OffsetAndMetadata(next)));
        // informational only (lag dashboards); the database copy is the one the sink resumes from
        consumer.commitAsync(copy, (committedOffsets, error) -> {
            if (error != null) {
                LOG.debug("Copying offsets to Kafka failed (harmless, the database holds them): {}", error.getMessage());
            }
        });
    }

    private void fenced(OffsetFencedException e) {
        metrics.fenced();
        LOG.warn("{}; re-reading stored offsets", e.getMessage());
        seekToStored(consumer.assignment());
    }

    /**
     * Writes {@code writing} in one transaction, retrying transient failures with exponential backoff.
     *
     * @throws SQLException          when the database refuses it for a non-transient reason
     * @throws SinkWriteException    when transient failures outlast every retry
     */
    private ApplyResult write(SinkBatch writing, Map<TopicPartition, Long> expected) throws SQLException {
        long started = System.nanoTime();
        try {
            return withRetries("write a batch of " + writing.prices().size() + " prices",
                    () -> applier.apply(database.connection(), writing, expected));
        } finally {
            metrics.applyTimer().record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private <T> T withRetries(String what, dev.failsafe.function.CheckedSupplier<T> action) throws SQLException {
        int maxAttempts = config.retryMaxAttempts();
        RetryPolicyBuilder<T> policy = RetryPolicy.<T>builder()
                .handleIf(TransientFailures::isTransient)
                .withMaxAttempts(maxAttempts)
                .onFailedAttempt(event -> {
                    database.discard();
                    if (event.getAttemptCount() < maxAttempts && TransientFailures.isTransient(event.getLastException())) {
                        metrics.retried();
                        LOG.warn("Cannot {} in {} ({}); retry {} of {}", what, database.describe(),
                                event.getLastException().getMessage(), event.getAttemptCount(), maxAttempts - 1);
                    }
                });
        Duration initial = config.retryInitialBackoff();
        Duration max = config.retryMaxBackoff();
        policy = initial.compareTo(max) < 0 ? policy.withBackoff(initial, max) : policy.withDelay(initial);
        try {
            return Failsafe.with(policy.build()).get(action);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql && !TransientFailures.isTransient(sql)) {
                throw sql;
            }
            throw new SinkWriteException("Cannot " + what + " in " + database.describe() + " after " + maxAttempts
                    + " attempts: " + (cause == null ? e.getMessage() : cause.getMessage()), cause == null ? e : cause);
        }
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> loaded;
        try {
            loaded = withRetries("read stored offsets", () -> offsets.load(database.connection(), partitions));
        } catch (SQLException e) {
            throw new SinkWriteException("Cannot read stored offsets from " + database.describe() + ": " + e.getMessage(), e);
        }
        Set<TopicPartition> fresh = new HashSet<>();
        for (TopicPartition partition : partitions) {
            Long next = loaded.get(partition);
            if (next == null) {
                stored.remove(partition);
                fresh.add(partition);
            } else {
                stored.put(partition, next);
                consumer.seek(partition, next);
            }
        }
        if (!fresh.isEmpty()) {
            consumer.seekToBeginning(fresh);
        }
        LOG.info("Positioned on {} from stored offsets {} (from the beginning: {})", partitions, loaded, fresh);
    }

    /** Seeks every newly assigned partition to the offset stored in the database: the heart of exactly-once. */
    private final class StoredOffsetSeeker implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // still the owner: write what was read so the next owner starts after it
            flush();
            partitions.forEach(stored::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToStored(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // no longer the owner: what was read must not be written; re-read the rest from the stored offsets
            resetBatch();
            partitions.forEach(stored::remove);
            Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
            kept.removeAll(partitions);
            seekToStored(kept);
        }
    }
}
