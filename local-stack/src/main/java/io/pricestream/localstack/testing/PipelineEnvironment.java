package io.pricestream.localstack.testing;

/**
 * Where an integration test finds the pipeline's shared services: a Kafka cluster, a Schema Registry and a
 * PostgreSQL database with logical replication. {@link ItEnvironment#get()} picks the provider (the embedded
 * local stack by default, Testcontainers on request); tests only see this interface, so the same test
 * classes run against either.
 */
public interface PipelineEnvironment {

    /** The provider's name, as selected with {@code -Dpricestream.it}: {@code embedded} or {@code containers}. */
    String name();

    /** Kafka bootstrap servers reachable from the test JVM, {@code host:port}. */
    String bootstrapServers();

    /** Base URL of the Schema Registry, {@code http://host:port}. */
    String schemaRegistryUrl();

    /** JDBC URL of a database whose user may create databases, tables and replication slots. */
    String jdbcUrl();

    String jdbcUser();

    String jdbcPassword();
}
