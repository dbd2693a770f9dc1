package io.pricestream.cli.pipeline;

/** Where the pipeline's shared services are: the Kafka cluster, the Schema Registry and the PostgreSQL database. */
public record PipelineEndpoints(String bootstrapServers, String schemaRegistryUrl, String jdbcUrl, String jdbcUser, String jdbcPassword) {

    @Override
    public String toString() {
        return "PipelineEndpoints[kafka=" + bootstrapServers + ", registry=" + schemaRegistryUrl + ", jdbc=" + jdbcUrl + "]";
    }
}
