package io.pricestream.cli.status;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.pipeline.ConsumerLag;
import io.pricestream.cli.pipeline.PipelineConfig;
import io.pricestream.cli.pipeline.PipelineSettings;
import io.pricestream.cli.pipeline.PipelineStack;
import io.pricestream.cli.pipeline.PriceDatabase;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream status}: the last run per CSP, each component's lag, what the database holds and the
 * change events published — for the same configuration {@code pricestream up} runs with.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Show the last run per CSP, consumer lag per component, rows and history in the database, events published.",
                "Uses the configured endpoints, else the local stack's data dir (start it only when no `up` holds it)."})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    private boolean json;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (" + EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS + ").")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema Registry (" + SchemaRegistryConfig.URL + ").")
    private String schemaRegistryUrl;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "PostgreSQL (" + EndpointsConfig.JDBC_URL + ").")
    private String jdbcUrl;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        flags.put(SchemaRegistryConfig.URL, schemaRegistryUrl);
        flags.put(EndpointsConfig.JDBC_URL, jdbcUrl);
        LoadedConfig loaded = configOptions.load(flags);
        ConfigOptions.validate(loaded, PipelineConfig.CONFIG_DEF);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        try (PipelineStack stack = PipelineStack.resolve(loaded)) {
            root.endpoints().record(EndpointKind.KAFKA, stack.endpoints().bootstrapServers());
            root.endpoints().record(EndpointKind.POSTGRES, PriceSchemaMigrator.maskedUrl(stack.endpoints().jdbcUrl()));
            PipelineSettings settings = PipelineSettings.of(loaded.values(), stack.endpoints());
            StatusReport report;
            try (Admin admin = Admin.create(settings.adminProperties())) {
                report = new StatusCollector(settings, new ConsumerLag(admin), new PriceDatabase(settings.sink().jdbcUrl(),
                        settings.sink().jdbcUser(), settings.sink().jdbcPassword())).collect();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? StatusFormatter.json(report) + System.lineSeparator() : StatusFormatter.table(report));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
