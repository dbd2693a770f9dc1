package io.pricestream.cli.stack;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.localstack.LocalStack;
import io.pricestream.localstack.LocalStackConfig;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream stack}: starts the embedded local stack (Kafka broker, PostgreSQL, Schema Registry)
 * on its data dir, prints how to reach each part from another shell, and runs until Ctrl-C.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Start the local stack (Kafka, PostgreSQL, Schema Registry) and run until Ctrl-C.",
                "Prints the Kafka bootstrap address, the JDBC URL, a psql command and the registry URL.",
                "Data is kept in the data dir across restarts."})
public final class RunStackCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunStackCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (" + LocalStackConfig.DATA_DIR + ").")
    private String dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka port (" + LocalStackConfig.KAFKA_PORT + "); 0 = any free port.")
    private Integer kafkaPort;

    @Option(names = "--postgres-port", paramLabel = "PORT", description = "PostgreSQL port (" + LocalStackConfig.POSTGRES_PORT + "); 0 = any free port.")
    private Integer postgresPort;

    @Option(names = "--registry-port", paramLabel = "PORT", description = "Schema Registry port (" + LocalStackConfig.REGISTRY_PORT + "); 0 = any free port.")
    private Integer registryPort;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(LocalStackConfig.DATA_DIR, dataDir);
        flags.put(LocalStackConfig.KAFKA_PORT, kafkaPort == null ? null : kafkaPort.toString());
        flags.put(LocalStackConfig.POSTGRES_PORT, postgresPort == null ? null : postgresPort.toString());
        flags.put(LocalStackConfig.REGISTRY_PORT, registryPort == null ? null : registryPort.toString());
        LoadedConfig loaded = configOptions.load(flags);
        ConfigOptions.validate(loaded, LocalStackConfig.CONFIG_DEF);
        LocalStackConfig config = ConfigOptions.typed(loaded, "local stack", LocalStackConfig::new);

        try (ShutdownSignal shutdown = ShutdownSignal.install("pricestream-stack")) {
            LocalStack stack = LocalStack.start(config);
            try {
                PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
                root.endpoints().record(EndpointKind.KAFKA, stack.bootstrapServers());
                root.endpoints().record(EndpointKind.POSTGRES, stack.jdbcUrl());
                root.endpoints().record(EndpointKind.SCHEMA_REGISTRY, stack.schemaRegistryUrl());
                printEndpoints(stack, spec.commandLine().getOut());
                shutdown.await();
                LOG.info("Shutdown requested");
            } catch (InterruptedException e) {
                // Interrupted instead of Ctrl-C (an embedding program or a test): stop the same way.
                Thread.currentThread().interrupt();
            } finally {
                boolean interrupted = Thread.interrupted();
                spec.commandLine().getErr().println("stopping the local stack…");
                spec.commandLine().getErr().flush();
                stack.close();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return ExitCodes.OK;
    }

    /** The endpoints in forms a user can paste: client config, psql, curl, and env for other verbs. */
    static void printEndpoints(LocalStack stack, PrintWriter out) {
        String jdbcUrl = stack.jdbcUrl();
        String user = stack.jdbcUser();
        // jdbc:postgresql://host:port/db → postgresql://user@host:port/db (libpq URI; local logins are trusted).
        String libpq = "postgresql://" + user + "@" + jdbcUrl.substring("jdbc:postgresql://".length());
        out.println("pricestream local stack is running on data dir " + stack.dataDir());
        out.println("  kafka:    " + stack.bootstrapServers());
        out.println("  jdbc:     " + jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + user);
        out.println("  psql:     psql \"" + libpq + "\"");
        out.println("  registry: " + stack.schemaRegistryUrl());
        out.println();
        out.println("Other pricestream verbs use this stack after, in their shell:");
        out.println("  export " + ComponentConfig.envName(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS) + "=" + stack.bootstrapServers());
        out.println("  export " + ComponentConfig.envName(EndpointsConfig.JDBC_URL) + "=" + jdbcUrl);
        out.println("  export " + ComponentConfig.envName(EndpointsConfig.JDBC_USER) + "=" + user);
        out.println("  export " + ComponentConfig.envName(SchemaRegistryConfig.URL) + "=" + stack.schemaRegistryUrl());
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
