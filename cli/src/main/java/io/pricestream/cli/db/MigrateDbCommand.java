package io.pricestream.cli.db;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.connect.schema.MigrationResult;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.localstack.LocalStack;
import io.pricestream.localstack.LocalStackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream db migrate}: creates or upgrades the price schema with the Flyway migrations of
 * {@code connect}. Idempotent: on a current schema it applies nothing and says so.
 *
 * <p>With {@code jdbc.url} set it migrates that database. Without it, it migrates the local stack's
 * database: it starts the local stack on its data dir, migrates, and stops it again. (If a
 * {@code pricestream stack} already holds that data dir, the start is refused naming where that stack
 * runs; point {@code jdbc.url} at it instead.)
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Create or upgrade the price schema (api_price). Running it again applies nothing.",
                "Without a JDBC URL, migrates the local stack's database (starting the local stack for the duration)."})
public final class MigrateDbCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Database to migrate (" + EndpointsConfig.JDBC_URL + ").")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user (" + EndpointsConfig.JDBC_USER + ").")
    private String jdbcUser;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Local stack data dir when no JDBC URL is given (" + LocalStackConfig.DATA_DIR + ").")
    private String dataDir;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(EndpointsConfig.JDBC_URL, jdbcUrl);
        flags.put(EndpointsConfig.JDBC_USER, jdbcUser);
        flags.put(LocalStackConfig.DATA_DIR, dataDir);
        LoadedConfig loaded = configOptions.load(flags);
        boolean useLocalStack = !loaded.values().containsKey(EndpointsConfig.JDBC_URL);
        if (useLocalStack) {
            ConfigOptions.validate(loaded, EndpointsConfig.CONFIG_DEF, LocalStackConfig.CONFIG_DEF);
        } else {
            ConfigOptions.validate(loaded, EndpointsConfig.CONFIG_DEF);
        }
        EndpointsConfig endpoints = ConfigOptions.typed(loaded, "endpoints", EndpointsConfig::new);
        if (!useLocalStack) {
            migrate(endpoints.jdbcUrl().orElseThrow(), endpoints.jdbcUser(), endpoints.jdbcPassword());
            return ExitCodes.OK;
        }
        LocalStackConfig localConfig = ConfigOptions.typed(loaded, "local stack", LocalStackConfig::new);
        try (LocalStack stack = LocalStack.start(localConfig)) {
            migrate(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        }
        return ExitCodes.OK;
    }

    private void migrate(String url, String user, String password) {
        ((PricestreamCommand) spec.root().userObject()).endpoints().record(EndpointKind.POSTGRES, PriceSchemaMigrator.maskedUrl(url));
        MigrationResult result = new PriceSchemaMigrator(url, user, password).migrate();
        PrintWriter out = spec.commandLine().getOut();
        String where = "price schema " + PriceSchemaMigrator.SCHEMA + " in " + PriceSchemaMigrator.maskedUrl(url);
        if (result.migrationsApplied() == 0) {
            out.println("Nothing to migrate: " + where + " is already at version " + result.currentVersion() + ".");
        } else {
            out.println("Applied " + result.migrationsApplied() + " migration" + (result.migrationsApplied() == 1 ? "" : "s")
                    + ": " + where + " is now at version " + result.currentVersion() + ".");
        }
        out.flush();
    }
}
