package io.pricestream.localstack.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The container provider ({@code -Dpricestream.it=containers}): Kafka, Schema Registry and PostgreSQL from
 * the images of {@code docker-compose.yml} ({@link ContainerImages}), started once per JVM on one Docker
 * network and stopped by a shutdown hook (and by Testcontainers' reaper if the JVM dies).
 *
 * <p>Only {@link ItEnvironment} touches this class, by name, so modules whose test classpath lacks
 * Testcontainers never load it. Without a Docker engine the calling test is aborted (reported as skipped)
 * with {@link #NO_DOCKER}: a missing engine is a property of the machine, not a failure of the code.
 */
public final class ContainersEnvironment implements PipelineEnvironment {

    public static final String NAME = "containers";

    public static final String NO_DOCKER = "pricestream.it=containers needs a Docker engine; none found — skipping "
            + "(run without -Dpricestream.it=containers to use the embedded stack)";

    private static final Logger LOG = LoggerFactory.getLogger(ContainersEnvironment.class);
    private static final AtomicBoolean NO_DOCKER_REPORTED = new AtomicBoolean();
    private static final String DATABASE = "pricestream";
    private static final int REGISTRY_PORT = 8081;
    /** The broker's listener for the registry container, on the shared network (the host gets its own). */
    private static final String KAFKA_INTERNAL_LISTENER = "kafka:19092";

    private static ContainersEnvironment shared;
    private static RuntimeException failure;

    private final KafkaContainer kafka;
    private final PostgreSQLContainer<?> postgres;
    private final GenericContainer<?> registry;

    private ContainersEnvironment(KafkaContainer kafka, PostgreSQLContainer<?> postgres, GenericContainer<?> registry) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.registry = registry;
    }

    /** The JVM's containers, started on the first call; aborts the calling test when there is no Docker engine. */
    public static synchronized ContainersEnvironment shared() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            if (NO_DOCKER_REPORTED.compareAndSet(false, true)) {
                System.err.println(NO_DOCKER);
            }
            Assumptions.abort(NO_DOCKER);
        }
        if (failure != null) {
            throw new IllegalStateException("The test containers failed to start earlier in this JVM", failure);
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return shared;
    }

    private static ContainersEnvironment start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(ContainerImages.KAFKA))
                .withNetwork(network)
                .withNetworkAliases("kafka")
                .withListener(KAFKA_INTERNAL_LISTENER)
                // Same broker defaults as the compose file and the embedded broker.
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse(ContainerImages.POSTGRES))
                .withNetwork(network)
                .withNetworkAliases("postgres")
                .withDatabaseName(DATABASE)
                .withUsername(DATABASE)
                .withPassword(DATABASE)
                // Debezium needs logical decoding; fsync off as in the embedded test stack.
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20",
                        "-c", "max_wal_senders=20", "-c", "fsync=off");
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(ContainerImages.SCHEMA_REGISTRY))
                .withNetwork(network)
                .withNetworkAliases("schema-registry")
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_INTERNAL_LISTENER)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));

        long started = System.nanoTime();
        try {
            Startables.deepStart(kafka, postgres, registry).join();
        } catch (RuntimeException e) {
            stopAll(registry, kafka, postgres, network);
            throw new IllegalStateException("Could not start the test containers (" + ContainerImages.KAFKA + ", "
                    + ContainerImages.SCHEMA_REGISTRY + ", " + ContainerImages.POSTGRES + ")", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(registry, kafka, postgres, network),
                "test-containers-shutdown"));
        ContainersEnvironment environment = new ContainersEnvironment(kafka, postgres, registry);
        LOG.info("Test containers ready in {} ms: kafka '{}', registry '{}', postgres '{}'",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), environment.bootstrapServers(),
                environment.schemaRegistryUrl(), environment.jdbcUrl());
        return environment;
    }

    private static void stopAll(GenericContainer<?> registry, KafkaContainer kafka, PostgreSQLContainer<?> postgres,
                                Network network) {
        registry.stop();
        kafka.stop();
        postgres.stop();
        network.close();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public String jdbcUser() {
        return postgres.getUsername();
    }

    @Override
    public String jdbcPassword() {
        return postgres.getPassword();
    }
}
