package io.pricestream.cli.export;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.ComponentEndpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream export}: a consistent snapshot of the price tables ({@link PriceSnapshot}) as CSV or as a
 * SQL script that loads into a freshly migrated database.
 *
 * <p>CSV: with {@code --table} one file ({@code --output FILE}, or stdout); without it, {@code --output} is a
 * directory that receives {@code infra_price.csv} and {@code infra_price_history.csv}. SQL: one script of
 * {@code INSERT}s in one transaction into the stored tables {@code infra_price} and {@code infra_price_period} (or
 * the one {@code --table} names); the loaded database shows the same {@code infra_price_history}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Export a consistent snapshot of api_price (one REPEATABLE READ read-only transaction).",
                "csv: --table T --output FILE (or stdout), or without --table a directory with one CSV per table.",
                "sql: INSERT statements for `psql -f` into a fresh database after `pricestream db migrate`."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "csv or sql.")
    private String format;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Output file (a directory for csv without --table); default stdout where a single stream suffices.")
    private Path output;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "Only this table: infra_price or infra_price_history (csv); infra_price or infra_price_period (sql).")
    private String table;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Database to export (" + EndpointsConfig.JDBC_URL + ").")
    private String jdbcUrl;

    @Override
    public Integer call() throws IOException, SQLException {
        String kind = format.toLowerCase(Locale.ROOT);
        if (!List.of("csv", "sql").contains(kind)) {
            throw new ParameterException(spec.commandLine(), "Unknown --format '" + format + "': expected csv or sql");
        }
        List<String> exportable = kind.equals("csv") ? PriceSnapshot.TABLES : PriceSnapshot.STORED_TABLES;
        if (table != null && !exportable.contains(table)) {
            throw new ParameterException(spec.commandLine(), "Unknown --table '" + table + "' for --format " + kind
                    + ": expected " + String.join(" or ", exportable));
        }
        if (kind.equals("csv") && table == null && output == null) {
            throw new ParameterException(spec.commandLine(), "csv of both tables needs --output DIR (or choose one with --table)");
        }
        Map<String, String> flags = new java.util.LinkedHashMap<>();
        flags.put(EndpointsConfig.JDBC_URL, jdbcUrl);
        LoadedConfig loaded = configOptions.load(flags);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        try (ComponentEndpoints endpoints = ComponentEndpoints.resolve(loaded, EndpointsConfig.CONFIG_DEF,
                ComponentEndpoints.keys(null, null, EndpointsConfig.JDBC_URL, EndpointsConfig.JDBC_USER, EndpointsConfig.JDBC_PASSWORD),
                root.endpoints())) {
            EndpointsConfig config = new EndpointsConfig(endpoints.settings());
            List<String> tables = table == null ? exportable : List.of(table);
            try (PriceSnapshot snapshot = PriceSnapshot.open(config.jdbcUrl().orElseThrow(), config.jdbcUser(), config.jdbcPassword())) {
                List<String> counts = kind.equals("csv") ? csv(snapshot, tables) : sql(snapshot, tables);
                PrintWriter err = spec.commandLine().getErr();
                err.println("exported " + String.join(", ", counts) + (output == null ? "" : " to " + output));
                err.flush();
            }
        }
        return ExitCodes.OK;
    }

    private List<String> csv(PriceSnapshot snapshot, List<String> tables) throws IOException, SQLException {
        List<String> counts = new ArrayList<>();
        if (table != null) {
            try (Writer out = open(output)) {
                counts.add(table + ": " + snapshot.writeCsv(table, out) + " rows");
            }
            return counts;
        }
        Files.createDirectories(output);
        for (String name : tables) {
            try (Writer out = Files.newBufferedWriter(output.resolve(name + ".csv"), StandardCharsets.UTF_8)) {
                counts.add(name + ": " + snapshot.writeCsv(name, out) + " rows");
            }
        }
        return counts;
    }

    private List<String> sql(PriceSnapshot snapshot, List<String> tables) throws IOException, SQLException {
        List<String> counts = new ArrayList<>();
        try (Writer out = open(output)) {
            out.write("-- pricestream export of api_price at " + Instant.now() + ", schema version " + snapshot.schemaVersion() + "\n");
            out.write("-- Load into a database migrated to the same version: pricestream db migrate, then psql -f this file.\n");
            out.write("BEGIN;\n");
            for (String name : tables) {
                long rows = snapshot.writeInserts(name, out);
                for (String reset : snapshot.identityResets(name)) {
                    out.write(reset + "\n");
                }
                counts.add(name + ": " + rows + " rows");
            }
            out.write("COMMIT;\n");
        }
        return counts;
    }

    private Writer open(Path file) throws IOException {
        return file == null ? new KeepOpen(spec.commandLine().getOut()) : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Stdout belongs to the command line: flush it, never close it. */
    private static final class KeepOpen extends FilterWriter {
        KeepOpen(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
