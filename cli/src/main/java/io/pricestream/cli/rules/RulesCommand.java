package io.pricestream.cli.rules;

import picocli.CommandLine.Command;

/** {@code pricestream rules}: the relevance rules of the streams app. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = "Work with relevance rules files (which prices the streams app keeps).",
        subcommands = {CheckRulesCommand.class})
public final class RulesCommand {
}
