package io.pricestream.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.localstack.kafka.EmbeddedKafkaBroker;
import io.pricestream.localstack.postgres.EmbeddedPostgresServer;
import io.pricestream.localstack.registry.EmbeddedSchemaRegistry;

/**
 * The embedded default: a real Kafka broker (KRaft), a real PostgreSQL with logical replication and a
 * Schema Registry, all started in this JVM on one persistent data directory.
 *
 * <p>Layout of the data directory: {@code kafka/} (broker log dir), {@code postgres/} (cluster data dir) and
 * {@code stack.lock} (held while a stack runs; names the owner's pid and endpoints). Data survives restarts,
 * also after the previous process was killed: the OS releases the lock, a postmaster left behind is stopped,
 * Kafka and PostgreSQL recover from their logs. Ports may differ between starts.
 *
 * <p>{@link #close()} stops registry, broker and PostgreSQL in that order. The stack registers no shutdown
 * hook of its own; the caller decides when to close.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final String HOST = "localhost";

    private final Path dataDir;
    private final DataDirLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private EmbeddedSchemaRegistry registry;

    private LocalStack(Path dataDir, DataDirLock lock) {
        this.dataDir = dataDir;
        this.lock = lock;
    }

    /**
     * Starts the stack on {@link LocalStackConfig#dataDir()}, or fails with a {@link LocalStackException}
     * naming the part that failed and the path or port involved; whatever had started is stopped again.
     */
    public static LocalStack start(LocalStackConfig config) {
        long startedAt = System.nanoTime();
        Path dataDir = config.dataDir();
        LOG.info("Starting local stack on data dir '{}' with {}", dataDir, config.describe());
        LocalStack stack = new LocalStack(dataDir, DataDirLock.acquire(dataDir));
        try {
            FreePorts ports = new FreePorts();
            int postgresPort = ports.resolve(config.port(LocalStackConfig.POSTGRES_PORT));
            int kafkaPort = ports.resolve(config.port(LocalStackConfig.KAFKA_PORT));
            int controllerPort = ports.resolve(config.port(LocalStackConfig.KAFKA_CONTROLLER_PORT));
            int registryPort = ports.resolve(config.port(LocalStackConfig.REGISTRY_PORT));
            long before = System.nanoTime();
            stack.startPostgres(config, postgresPort);
            LOG.info("PostgreSQL ready in {} ms at '{}'", millisSince(before), stack.jdbcUrl());
            before = System.nanoTime();
            stack.startKafka(config, kafkaPort, controllerPort);
            LOG.info("Kafka broker ready in {} ms at '{}'", millisSince(before), stack.bootstrapServers());
            before = System.nanoTime();
            stack.startRegistry(registryPort);
            LOG.info("Schema Registry ready in {} ms at '{}'", millisSince(before), stack.schemaRegistryUrl());
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
        Map<String, String> endpoints = stack.endpoints();
        stack.lock.recordEndpoints(endpoints);
        LOG.info("Local stack ready in {} ms on data dir '{}': {}", millisSince(startedAt), dataDir, endpoints);
        return stack;
    }

    /** Kafka {@code bootstrap.servers} of the embedded broker. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** JDBC URL of the stack's database (without credentials). */
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String jdbcUser() {
        return postgres.user();
    }

    public String jdbcPassword() {
        return postgres.password();
    }

    /** Base URL of the embedded Schema Registry, e.g. {@code http://localhost:8081}. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Endpoints by name, for logs and status output (no password). */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("bootstrap.servers", bootstrapServers());
        endpoints.put("jdbc.url", jdbcUrl());
        endpoints.put("jdbc.user", jdbcUser());
        endpoints.put("schema.registry.url", schemaRegistryUrl());
        return endpoints;
    }

    /** Stops registry, broker and PostgreSQL, in that order, then releases the data dir. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (registry != null) {
            stopQuietly("Schema Registry", registry::close);
        }
        if (kafka != null) {
            stopQuietly("Kafka broker", kafka::close);
        }
        if (postgres != null) {
            stopQuietly("PostgreSQL", postgres::close);
        }
        lock.close();
        LOG.info("Local stack on data dir '{}' stopped", dataDir);
    }

    private void startPostgres(LocalStackConfig config, int port) {
        Path dir = dataDir.resolve("postgres");
        try {
            postgres = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Settings(dir, port, config.postgresFsync(),
                    config.postgresReplicationSlotsMax(), Duration.ofMillis(config.postgresStartupTimeoutMs()),
                    config.postgresDatabase(), config.postgresUser(), config.postgresPassword()));
        } catch (Exception e) {
            throw new LocalStackException("PostgreSQL failed to start on port " + port + " with data dir '" + dir + "': "
                    + e.getMessage(), e);
        }
    }

    private void startKafka(LocalStackConfig config, int port, int controllerPort) {
        Path dir = dataDir.resolve("kafka");
        try {
            kafka = EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(dir, port, controllerPort,
                    config.kafkaPartitionsDefault()));
        } catch (Exception e) {
            throw new LocalStackException("Kafka broker failed to start on port " + port + " (controller " + controllerPort
                    + ") with log dir '" + dir + "': " + e.getMessage(), e);
        }
    }

    private void startRegistry(int port) {
        try {
            registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), HOST, port);
        } catch (Exception e) {
            throw new LocalStackException("Schema Registry failed to start on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static long millisSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toMillis();
    }

    private static void stopQuietly(String part, AutoCloseable stop) {
        try {
            stop.close();
        } catch (Exception e) {
            LOG.warn("Could not stop {} cleanly", part, e);
        }
    }
}
