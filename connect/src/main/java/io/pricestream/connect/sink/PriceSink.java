package io.pricestream.connect.sink;

import java.sql.SQLException;
import java.time.Duration;
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
 * or {@code sink.batch.max.wait.ms} passed since its first one, then written by {@link BatchWriter}
 * in one transaction together with the next offsets. On partition assignment the consumer seeks to the
 * offsets stored in the database, so after a crash or rebalance each record is applied exactly once;
 * Kafka's committed offsets are only updated afterwards, for lag monitoring.
 *
 * <p>Two threads: this one owns the consumer (polling, decoding, batching, rebalances); a writer thread
 * ({@link InFlightWrite}) applies one batch while this one reads the next. The rule that keeps it exactly-once:
 * a batch is handed over only after the one before it committed; before offsets are read from the database or
 * partitions are given up, the batch in flight is waited for; and when it fails, the batch in hand (read after
 * it) is dropped, never written past it.
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
    private final DatabaseRetries retries;
    private final SinkOffsetStore offsets;
    private final BatchWriter writer;
    private final InFlightWrite inFlight = new InFlightWrite("pricestream-sink-writer");
    private final SinkMetrics metrics;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * Offsets stored in the database for the assigned partitions, as last read or written by this instance; absent = none
     * stored. Only the consumer thread touches it, and only between writes.
     */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private Map<PriceRef, ConsumerRecord<byte[], byte[]>> sources = new HashMap<>();
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
        this.metrics = new SinkMetrics(registry);
        this.retries = new DatabaseRetries(config, database, metrics);
        this.offsets = new SinkOffsetStore(config.groupId());
        this.writer = new BatchWriter(database, retries, new PriceBatchApplier(offsets), deadLetters, metrics);
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
     * Checks the price schema, then consumes and writes until {@link #stop()}; the batch in flight and the batch in
     * hand are written before returning.
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
                if (inFlight.isDone()) {
                    // copies its offsets to Kafka without waiting for the next batch; a failure stops reading now
                    finishInFlight();
                }
                if (pending > 0 && (pending >= config.batchMaxRecords() || waitedEnough())) {
                    handOver();
                }
            }
        } catch (WakeupException e) {
            if (!stopping.get()) {
                throw e;
            }
        } finally {
            try {
                writeEverything();
            } finally {
                closeResources();
                MDC.remove("component");
                finished.countDown();
            }
        }
    }

    /** Asks {@link #run()} to write its batches and return; safe from any thread. */
    public void stop() {
        stopping.set(true);
        consumer.wakeup();
    }

    /** Stops the sink and waits (up to 30 s) until {@link #run()} has written its batches and released its connections. */
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
            // may call onPartitionsRevoked, which writes what is left: before the writer thread stops
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the consumer failed: {}", e.getMessage());
        }
        try {
            dlqProducer.close();
        } catch (Exception e) {
            LOG.warn("Closing the DLQ producer failed: {}", e.getMessage());
        }
        inFlight.close();
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

    /**
     * Hands the batch in hand to the writer thread once the batch before it has committed, and starts a new one.
     * Waiting here is what keeps one batch in flight at most, and the offsets each batch expects current.
     */
    private void handOver() {
        finishInFlight();
        if (batch.isEmpty()) {
            resetBatch();
            return;
        }
        ConsumedBatch handed = new ConsumedBatch(batch, sources);
        Map<TopicPartition, Long> expected = expectedOffsets(batch);
        resetBatch();
        inFlight.submit(() -> writer.write(handed, expected));
    }

    /** Writes the batch in flight, then the batch in hand, and waits until both committed. */
    private void writeEverything() {
        handOver();
        finishInFlight();
    }

    /**
     * Waits for the batch in flight (if any) and settles it: its offsets become the ones the next batch expects, or,
     * when another instance fenced it, everything read after it is dropped and re-read from the stored offsets.
     *
     * @throws RuntimeException the write's failure, after dropping the batch in hand: its records come after the
     *                          failed ones, so storing its offsets would skip them. They are read again from the
     *                          stored offsets by whoever continues.
     */
    private void finishInFlight() {
        Optional<Map<TopicPartition, Long>> written;
        try {
            written = inFlight.await();
        } catch (OffsetFencedException e) {
            fenced(e);
            return;
        } catch (RuntimeException | Error e) {
            resetBatch();
            throw e;
        }
        written.ifPresent(this::committed);
    }

    private void resetBatch() {
        batch = new SinkBatch();
        // a new map: the old one may belong to a batch the writer thread still reads
        sources = new HashMap<>();
        pending = 0;
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

    private void committed(Map<TopicPartition, Long> nextOffsets) {
        stored.putAll(nextOffsets);
        Map<TopicPartition, OffsetAndMetadata> copy = new HashMap<>();
        nextOffsets.forEach((partition, next) -> copy.put(partition, new OffsetAndMetadata(next)));
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
        // what was read after the fenced batch continues from offsets that are no longer this instance's
        resetBatch();
        seekToStored(consumer.assignment());
    }

    private void seekToStored(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // offsets read while a batch is being written could be the ones from before it
        inFlight.requireIdle("read stored offsets");
        Map<TopicPartition, Long> loaded;
        try {
            loaded = retries.call("read stored offsets", () -> offsets.load(database.connection(), partitions));
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

    /**
     * Seeks every newly assigned partition to the offset stored in the database: the heart of exactly-once. Every
     * callback first settles the batch in flight, so the stored offsets it reads or leaves behind include it.
     */
    private final class StoredOffsetSeeker implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // still the owner: write what was read, in flight and in hand, so the next owner starts after it
            writeEverything();
            partitions.forEach(stored::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            finishInFlight();
            seekToStored(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // No longer the owner: what is in hand must not be written. The batch in flight is already being written;
            // its offsets are stored only if no other instance has moved them, so it is waited for, not abandoned.
            finishInFlight();
            resetBatch();
            partitions.forEach(stored::remove);
            Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
            kept.removeAll(partitions);
            seekToStored(kept);
        }
    }
}
