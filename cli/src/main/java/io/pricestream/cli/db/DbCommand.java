package io.pricestream.cli.db;

import picocli.CommandLine.Command;

/** {@code pricestream db}: the PostgreSQL price schema. */
@Command(name = "db", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = "Manage the PostgreSQL price schema (api_price).",
        subcommands = {MigrateDbCommand.class})
public final class DbCommand {
}
