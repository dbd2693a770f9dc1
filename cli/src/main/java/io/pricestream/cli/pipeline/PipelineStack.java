package io.pricestream.cli.pipeline;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;

import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.localstack.LocalStack;
import io.pricestream.localstack.LocalStackConfig;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.registry.SchemaRegistryConfig;

/**
 * The shared services a pipeline verb runs against (DESIGN.md, "Embedded default vs production"): the
 * configured Kafka, Schema Registry and PostgreSQL when {@code kafka.bootstrap.servers}, {@code schema.registry.url}
 * and {@code jdbc.url} are set, else the embedded local stack on its data dir, started here and stopped on close.
 */
public final class PipelineStack implements AutoCloseable {

    private final PipelineEndpoints endpoints;
    private final LocalStack localStack;

    private PipelineStack(PipelineEndpoints endpoints, LocalStack localStack) {
        this.endpoints = endpoints;
        this.localStack = localStack;
    }

    /** Validates the endpoint keys, then uses the configured endpoints or starts the local stack. */
    public static PipelineStack resolve(LoadedConfig loaded) {
        Map<String, String> values = loaded.values();
        List<String> endpointKeys = List.of(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS, SchemaRegistryConfig.URL, EndpointsConfig.JDBC_URL);
        List<String> given = endpointKeys.stream().filter(key -> values.get(key) != null && !values.get(key).isBlank()).toList();
        if (given.isEmpty()) {
            ConfigOptions.validate(loaded, EndpointsConfig.CONFIG_DEF, LocalStackConfig.CONFIG_DEF);
            LocalStack stack = LocalStack.start(ConfigOptions.typed(loaded, "local stack", LocalStackConfig::new));
            return new PipelineStack(new PipelineEndpoints(stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.jdbcUrl(),
                    stack.jdbcUser(), stack.jdbcPassword()), stack);
        }
        if (given.size() < endpointKeys.size()) {
            List<String> missing = new ArrayList<>(endpointKeys);
            missing.removeAll(given);
            throw new ConfigException("External endpoints need all of " + String.join(", ", endpointKeys) + "; missing "
                    + String.join(", ", missing) + " (set none of them to use the embedded local stack)");
        }
        ConfigOptions.validate(loaded, EndpointsConfig.CONFIG_DEF);
        EndpointsConfig config = ConfigOptions.typed(loaded, "endpoints", EndpointsConfig::new);
        return new PipelineStack(new PipelineEndpoints(config.kafkaBootstrapServers().orElseThrow(), values.get(SchemaRegistryConfig.URL),
                config.jdbcUrl().orElseThrow(), config.jdbcUser(), config.jdbcPassword()), null);
    }

    public PipelineEndpoints endpoints() {
        return endpoints;
    }

    public Optional<LocalStack> localStack() {
        return Optional.ofNullable(localStack);
    }

    /** When running on the local stack: how other verbs (status, replay) in another shell reach it meanwhile. */
    public void printLocalStackExports(PrintWriter out) {
        if (localStack == null) {
            return;
        }
        out.println("Local stack on " + localStack.dataDir() + ". Other verbs reach it meanwhile (e.g. `pricestream status`) after:");
        out.println("  export " + ComponentConfig.envName(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS) + "=" + endpoints.bootstrapServers());
        out.println("  export " + ComponentConfig.envName(SchemaRegistryConfig.URL) + "=" + endpoints.schemaRegistryUrl());
        out.println("  export " + ComponentConfig.envName(EndpointsConfig.JDBC_URL) + "=" + endpoints.jdbcUrl());
        out.println("  export " + ComponentConfig.envName(EndpointsConfig.JDBC_USER) + "=" + endpoints.jdbcUser());
        out.flush();
    }

    @Override
    public void close() {
        if (localStack != null) {
            localStack.close();
        }
    }
}
