package io.pricestream.connect.cdc;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/**
 * Publishes every committed change of {@code api_price.infra_price} as a {@link PriceChanged} event on
 * {@code prices.changes}, keyed by {@link PriceKey}: a Debezium embedded engine (PostgreSQL, pgoutput) reading
 * a named logical replication slot, feeding {@link PriceChangeBatchHandler}.
 *
 * <p>At least once: a batch's events are in Kafka before Debezium's offset advances; offsets live in a Kafka
 * topic ({@link CdcConfig#OFFSET_TOPIC}), so a restart resumes where the last flushed offset says and any
 * event published again carries the same {@code source_lsn}. Use: {@link #start()}, then {@link #close()};
 * {@link #completion()} tells when the engine stopped and why.
 */
public final class PriceChangePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PriceChangePublisher.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final CdcConfig config;
    private final MeterRegistry meters;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private Producer<PriceKey, PriceChanged> producer;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService runner;

    public PriceChangePublisher(CdcConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    /**
     * Creates the events topic if missing and starts the engine on its own thread. Returns at once; use
     * {@link #awaitStarted(Duration)} to wait until the slot exists and streaming has begun.
     */
    public synchronized void start() {
        if (engine != null) {
            throw new IllegalStateException("CDC publisher on slot '" + config.slotName() + "' is already started");
        }
        LOG.info("Starting CDC publisher of '{}' on slot '{}' to topic '{}' with {}", EngineProperties.TABLE,
                config.slotName(), config.topic(), config.describe());
        ensureTopic();
        SchemaRegistryClient registry = new RestSchemaRegistryClient(config.schemaRegistry());
        producer = new KafkaProducer<>(producerProps(), PriceSerdes.priceKey(registry).serializer(),
                PriceSerdes.priceChanged(registry).serializer());
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(EngineProperties.from(config))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.complete(null);
                    }
                })
                .using(this::engineStopped)
                .notifying(new PriceChangeBatchHandler(producer, config.topic(), new PriceChangeMapper(), meters))
                .build();
        runner = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "pricestream-cdc-" + config.slotName()));
        runner.execute(() -> {
            MDC.put("component", "cdc");
            engine.run();
        });
    }

    /**
     * Waits until the connector task runs, i.e. the slot and publication exist and changes committed from now
     * on will be published.
     *
     * @throws CdcPublishException when the engine stopped instead (the cause says why) or did not start in time
     */
    public void awaitStarted(Duration timeout) {
        try {
            CompletableFuture.anyOf(started, completion).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdcPublishException("Interrupted while waiting for the CDC publisher on slot '" + config.slotName() + "'");
        } catch (ExecutionException e) {
            throw new CdcPublishException("CDC publisher on slot '" + config.slotName() + "' failed to start: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CdcPublishException("CDC publisher on slot '" + config.slotName() + "' did not start within " + timeout);
        }
        if (!started.isDone()) {
            throw new CdcPublishException("CDC publisher on slot '" + config.slotName() + "' stopped before it started streaming");
        }
    }

    /** Completes when the engine has stopped: normally after {@link #close()}, exceptionally when it failed. */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /** Stops the engine (flushing its offsets), then the producer. Idempotent. */
    @Override
    public synchronized void close() {
        if (engine == null) {
            return;
        }
        try {
            engine.close();
        } catch (IOException | RuntimeException e) {
            // An engine that already stopped on its own (failure) may refuse a second stop; the producer still closes.
            LOG.warn("Closing the Debezium engine on slot '{}' failed", config.slotName(), e);
        }
        runner.shutdown();
        try {
            if (!runner.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Debezium engine on slot '{}' did not stop within {}", config.slotName(), STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(STOP_TIMEOUT);
        engine = null;
        LOG.info("Stopped CDC publisher on slot '{}'", config.slotName());
    }

    private void engineStopped(boolean success, String message, Throwable error) {
        if (success) {
            LOG.info("Debezium engine on slot '{}' stopped: {}", config.slotName(), message);
            completion.complete(null);
        } else {
            LOG.error("Debezium engine on slot '{}' failed: {}", config.slotName(), message, error);
            completion.completeExceptionally(error != null ? error : new CdcPublishException(message));
        }
    }

    Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "pricestream-cdc-" + config.slotName());
        // Idempotent, acks=all: a retried send never duplicates or reorders events of one key.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Batches are flushed as soon as Debezium hands them over; lingering only adds latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config.kafkaOverrides().applyTo(props);
    }

    Map<String, Object> adminProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return config.kafkaOverrides().applyTo(props);
    }

    private void ensureTopic() {
        Optional<Integer> partitions = config.topicPartitions() < 0 ? Optional.empty() : Optional.of(config.topicPartitions());
        Optional<Short> replication = config.topicReplicationFactor() < 0 ? Optional.empty()
                : Optional.of(config.topicReplicationFactor());
        try (Admin admin = Admin.create(adminProps())) {
            admin.createTopics(List.of(new NewTopic(config.topic(), partitions, replication))).all().get(30, TimeUnit.SECONDS);
            LOG.info("Created topic '{}'", config.topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new CdcPublishException("Cannot create topic '" + config.topic() + "' on Kafka at "
                        + config.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new CdcPublishException("Cannot reach Kafka at " + config.bootstrapServers() + " to create topic '"
                    + config.topic() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdcPublishException("Interrupted while creating topic '" + config.topic() + "'", e);
        }
    }
}
