package io.pricestream.localstack.testing;

/**
 * The images of the production-like stack, shared by {@code docker-compose.yml} and the container mode of
 * the integration tests ({@link ContainersEnvironment}), so both run the same Kafka, Schema Registry and
 * PostgreSQL. {@code ComposeFileTest} in the cli module fails when the compose file names other tags.
 */
public final class ContainerImages {

    /** Apache Kafka in KRaft mode; the version the pipeline's clients are built against. */
    public static final String KAFKA = "apache/kafka:4.1.1";

    /** Confluent Schema Registry (Community License); stores its schemas in Kafka's {@code _schemas} topic. */
    public static final String SCHEMA_REGISTRY = "confluentinc/cp-schema-registry:8.1.0";

    /** PostgreSQL 17, the version the embedded local stack runs (zonky binaries 17.x). */
    public static final String POSTGRES = "postgres:17";

    private ContainerImages() {
    }
}
