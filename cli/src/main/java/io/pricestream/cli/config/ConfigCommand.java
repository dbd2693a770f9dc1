package io.pricestream.cli.config;

import picocli.CommandLine.Command;

/** {@code pricestream config}: look at the configuration without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = "Show the effective configuration or print its documentation.",
        subcommands = {ShowConfigCommand.class, DocsConfigCommand.class, ExampleConfigCommand.class})
public final class ConfigCommand {
}
